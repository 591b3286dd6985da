package org.fieldmark.benchmarks.embedded;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.fieldmark.benchmarks.locate.Composites;

/**
 * The camera-sized JPEGs the embedded benchmark feeds the model: a photo upscaled and re-encoded,
 * and the same JPEG with or without its ICC colour profile segments (whose conversion costs).
 */
final class CameraJpegs {

    private CameraJpegs() {
    }

    /** A camera-sized JPEG made from a photo: upscaled (bicubic) and encoded with ImageIO's writer. */
    static byte[] cameraJpeg(byte[] photo, int width, int height, float quality) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(photo));
        BufferedImage large = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = large.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return Composites.jpeg(large, quality);
    }

    /** The JPEG's APP2 ICC_PROFILE segments (marker and length included), in order. */
    static byte[] iccSegments(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        segments(jpeg, (marker, from, length) -> {
            if (isIcc(jpeg, marker, from)) {
                out.write(jpeg, from, length);
            }
        });
        return out.toByteArray();
    }

    /** The JPEG without its ICC_PROFILE segments. */
    static byte[] withoutIcc(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int end = segments(jpeg, (marker, from, length) -> {
            if (!isIcc(jpeg, marker, from)) {
                out.write(jpeg, from, length);
            }
        });
        out.write(jpeg, end, jpeg.length - end);
        return out.toByteArray();
    }

    /** The JPEG with {@code icc} (whole segments) inserted after its first segment (JFIF APP0). */
    static byte[] withIcc(byte[] jpeg, byte[] icc) {
        int firstEnd = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, firstEnd);
        out.write(icc, 0, icc.length);
        out.write(jpeg, firstEnd, jpeg.length - firstEnd);
        return out.toByteArray();
    }

    private static boolean isIcc(byte[] jpeg, int marker, int from) {
        byte[] tag = "ICC_PROFILE".getBytes(StandardCharsets.US_ASCII);
        return marker == 0xE2 && from + 4 + tag.length <= jpeg.length
                && Arrays.equals(jpeg, from + 4, from + 4 + tag.length, tag, 0, tag.length);
    }

    private interface SegmentVisitor {
        void visit(int marker, int from, int length);
    }

    /** Visits the marker segments before the scan; returns where the scan (SOS) starts. */
    private static int segments(byte[] jpeg, SegmentVisitor visitor) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xDA) {
                return i;
            }
            int length = 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
            visitor.visit(marker, i, length);
            i += length;
        }
        throw new IllegalStateException("no JPEG scan found");
    }
}
