package org.fieldmark.adapter.local.onnx;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The test photos (CC BY 2.0, see photos/COPYRIGHT) and images made from them. */
final class Photos {

    static final String OWL = "owl.jpg";
    static final String PARROT = "parrot.jpg";
    static final String BIRD = "bird.bmp";

    private Photos() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Photos.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test photo " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage image(String name) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code image} drawn {@code scale} times larger with bilinear interpolation: a bigger photo of the same scene. */
    static BufferedImage enlarge(BufferedImage image, int scale) {
        BufferedImage large = new BufferedImage(image.getWidth() * scale, image.getHeight() * scale,
                BufferedImage.TYPE_3BYTE_BGR);
        var g = large.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, large.getWidth(), large.getHeight(), null);
        g.dispose();
        return large;
    }
}
