package org.fieldmark.adapter.local.thumbnail;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.fieldmark.adapter.local.onnx.ImageDecoder;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.PreviewPort;
import org.fieldmark.domain.ImageFormat;
import org.fieldmark.domain.region.Region;

/**
 * Previews with the JDK's ImageIO: the photo decoded skipping rows and columns when it is more than
 * twice the preview (source subsampling), scaled down in halving bilinear steps like the
 * thumbnails, the located bird's box drawn in {@link #BOX} (by the region's fractions, so it lands
 * right at any size), written as a JPEG. Stateless and thread-safe.
 */
public final class ImageIoPreviewAdapter implements PreviewPort {

    /** The box's colour: the page's outline yellow, visible on foliage and sky alike. */
    static final Color BOX = new Color(255, 214, 0);

    /** The box's line width in preview pixels. */
    static final int LINE = 3;

    @Override
    public byte[] preview(ImageBytes photo, Region region) {
        Objects.requireNonNull(photo, "photo");
        ImageFormat format = ImageFormat.sniff(photo.bytes()).orElseThrow(() -> new UnsupportedImageException(
                "cannot make a preview: the bytes are not a JPEG, PNG or BMP image (they start with "
                        + ImageFormat.describeStart(photo.bytes()) + ")"));
        BufferedImage preview = ImageIoThumbnailAdapter.scaled(decode(photo.bytes(), format), PreviewPort.MAX_SIDE);
        if (region != null && !region.isWholeFrame()) {
            outline(preview, region);
        }
        return ImageIoThumbnailAdapter.jpeg(preview);
    }

    private static BufferedImage decode(byte[] bytes, ImageFormat format) {
        ImageReader reader = ImageDecoder.readerFor(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, longest / (2 * PreviewPort.MAX_SIDE));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedImageException("cannot make a preview: the " + format + " image cannot be decoded ("
                    + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /** The region's box, inside the preview's edges, its lines drawn inside the box. */
    private static void outline(BufferedImage image, Region region) {
        int width = image.getWidth();
        int height = image.getHeight();
        int left = clamp((int) Math.round(region.left() * width), width - 1);
        int top = clamp((int) Math.round(region.top() * height), height - 1);
        int right = clamp((int) Math.round((region.left() + region.relativeWidth()) * width), width);
        int bottom = clamp((int) Math.round((region.top() + region.relativeHeight()) * height), height);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BOX);
            g.setStroke(new BasicStroke(1));
            for (int i = 0; i < LINE; i++) {
                int w = right - left - 1 - 2 * i;
                int h = bottom - top - 1 - 2 * i;
                if (w < 0 || h < 0) {
                    break;
                }
                g.drawRect(left + i, top + i, w, h);
            }
        } finally {
            g.dispose();
        }
    }

    private static int clamp(int value, int highest) {
        return Math.max(0, Math.min(highest, value));
    }
}
