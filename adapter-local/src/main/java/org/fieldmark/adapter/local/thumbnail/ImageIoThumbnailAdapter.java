package org.fieldmark.adapter.local.thumbnail;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.fieldmark.adapter.local.onnx.ImageDecoder;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ThumbnailPort;
import org.fieldmark.domain.ImageFormat;
import org.fieldmark.domain.region.Region;

/**
 * Crop thumbnails with the JDK's ImageIO: only the region is decoded (ImageIO's source region),
 * skipping rows and columns while decoding when the region is more than twice the thumbnail
 * (source subsampling), so a 12-megapixel photo costs a fraction of a full decode; the rest is
 * scaled down in halving bilinear steps and written as a JPEG of quality {@link #QUALITY}.
 * Stateless and thread-safe.
 */
public final class ImageIoThumbnailAdapter implements ThumbnailPort {

    /** JPEG quality of the thumbnails: small files, no visible blocks at 160 pixels. */
    static final float QUALITY = 0.85f;

    @Override
    public byte[] thumbnail(ImageBytes photo, Region region) {
        Objects.requireNonNull(photo, "photo");
        Objects.requireNonNull(region, "region");
        ImageFormat format = ImageFormat.sniff(photo.bytes()).orElseThrow(() -> new UnsupportedImageException(
                "cannot make a thumbnail: the bytes are not a JPEG, PNG or BMP image (they start with "
                        + ImageFormat.describeStart(photo.bytes()) + ")"));
        BufferedImage crop = decodeRegion(photo.bytes(), format, region);
        return jpeg(scaled(crop, ThumbnailPort.MAX_SIDE));
    }

    private static BufferedImage decodeRegion(byte[] bytes, ImageFormat format, Region region) {
        ImageReader reader = ImageDecoder.readerFor(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width != region.imageWidth() || height != region.imageHeight()) {
                throw new UnsupportedImageException("cannot make a thumbnail: the region is of a "
                        + region.imageWidth() + "x" + region.imageHeight() + " photo but the " + format + " image is "
                        + width + "x" + height);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new java.awt.Rectangle(region.x(), region.y(), region.width(), region.height()));
            int step = Math.max(1, Math.max(region.width(), region.height()) / (2 * ThumbnailPort.MAX_SIDE));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnsupportedImageException unsupported) {
                throw unsupported;
            }
            throw new UnsupportedImageException("cannot make a thumbnail: the " + format + " image cannot be decoded ("
                    + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /** At most {@code maxSide} on the longest side, never enlarged, in halving steps so no pixel is skipped. */
    static BufferedImage scaled(BufferedImage image, int maxSide) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        double scale = Math.min(1.0, (double) maxSide / longest);
        int targetWidth = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int targetHeight = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = rgb(image);
        while (current.getWidth() != targetWidth || current.getHeight() != targetHeight) {
            int width = Math.max(targetWidth, current.getWidth() / 2);
            int height = Math.max(targetHeight, current.getHeight() / 2);
            current = draw(current, width, height);
        }
        return current;
    }

    private static BufferedImage rgb(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_RGB ? image
                : draw(image, image.getWidth(), image.getHeight());
    }

    private static BufferedImage draw(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Transparent pixels (PNG) become white rather than black.
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UnsupportedImageException("cannot make a thumbnail: writing the JPEG failed (" + e.getMessage()
                    + ")", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
