package org.fieldmark.adapter.local.folder;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real encoded photos for the completeness tests, and the places where a writer may pause in them. */
final class PhotoBytes {

    private PhotoBytes() {
    }

    static byte[] jpeg(int width, int height) {
        return encode(image(width, height), "jpeg");
    }

    static byte[] png(int width, int height) {
        return encode(image(width, height), "png");
    }

    static byte[] bmp(int width, int height) {
        return encode(image(width, height), "bmp");
    }

    /** A progressive JPEG: several scans with tables between them. */
    static byte[] progressiveJpeg(int width, int height) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image(width, height), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A JPEG with a camera-style APP1 segment that carries a small JPEG thumbnail: the thumbnail's
     * end-of-image marker sits early in the file, where a cut leaves bytes ending in FF D9.
     */
    static byte[] jpegWithThumbnail(int width, int height) {
        byte[] main = jpeg(width, height);
        byte[] thumbnail = jpeg(32, 24);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + thumbnail.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exif);
        out.writeBytes(thumbnail);
        out.write(main, 2, main.length - 2);
        return out.toByteArray();
    }

    /** Where the thumbnail of {@link #jpegWithThumbnail} ends: a cut there leaves bytes ending in FF D9. */
    static int thumbnailEnd(byte[] withThumbnail) {
        return 4 + 2 + 6 + jpeg(32, 24).length;
    }

    /** Every place where a chunk boundary falls on a PNG chunk boundary (IDAT, IEND included). */
    static List<Integer> pngChunkBoundaries(byte[] png) {
        List<Integer> boundaries = new ArrayList<>();
        int pos = 8;
        while (pos + 8 <= png.length) {
            int length = (png[pos] & 0xFF) << 24 | (png[pos + 1] & 0xFF) << 16 | (png[pos + 2] & 0xFF) << 8
                    | png[pos + 3] & 0xFF;
            boundaries.add(pos);
            pos += 12 + length;
        }
        return boundaries;
    }

    /** The position of the first scan's start (FF DA) in a JPEG. */
    static int startOfScan(byte[] jpeg) {
        return startOfScan(jpeg, 2);
    }

    /** The position of the first scan's start (FF DA) at or after {@code from}. */
    static int startOfScan(byte[] jpeg, int from) {
        for (int i = from; i < jpeg.length - 1; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return i;
            }
        }
        throw new IllegalArgumentException("no scan in this JPEG");
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static BufferedImage image(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < width; i += 7) {
            g.drawLine(i, 0, width - i, height);
        }
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
