package org.fieldmark.benchmarks.locate;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Deterministic test frames for the locator evaluation: variants of a portrait (flips, crops,
 * colour shifts) and 1280x720 scenes (noise, gradients, textures, blurred shapes) with a variant
 * pasted small at a random place. Everything comes from a seeded {@link Random}.
 */
public final class Composites {

    static final int FRAME_WIDTH = 1280;
    static final int FRAME_HEIGHT = 720;

    /** Background kinds, in the order frames cycle through them. */
    enum Background { NOISE, GRADIENT, TEXTURE, SHAPES }

    /** How a portrait is varied. */
    enum Variant { ORIGINAL, FLIPPED, CROP_85, WARM, COOL_DARK, FLIPPED_CROP_90 }

    private Composites() {
    }

    static BufferedImage variant(BufferedImage photo, Variant variant) {
        return switch (variant) {
            case ORIGINAL -> photo;
            case FLIPPED -> flip(photo);
            case CROP_85 -> centreCrop(photo, 0.85);
            case WARM -> rescale(photo, new float[] {1.10f, 1.0f, 0.88f}, new float[] {8, 0, 0});
            case COOL_DARK -> rescale(photo, new float[] {0.80f, 0.85f, 0.95f}, new float[] {0, 0, 10});
            case FLIPPED_CROP_90 -> centreCrop(flip(photo), 0.90);
        };
    }

    static BufferedImage background(Background kind, Random random) {
        return background(kind, random, FRAME_WIDTH, FRAME_HEIGHT);
    }

    /** A scene of another size, e.g. a camera's 1920x1080 or 4000x3000. */
    static BufferedImage background(Background kind, Random random, int width, int height) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        switch (kind) {
            case NOISE -> smoothNoise(frame, random, 8);
            case GRADIENT -> gradient(frame, random);
            case TEXTURE -> smoothNoise(frame, random, 40);
            case SHAPES -> shapes(frame, random);
        }
        return frame;
    }

    /**
     * Pastes {@code bird} with its width a fraction (1/8 .. 1/3) of the frame's, aspect kept and at
     * most 90 % of the frame's height, at a random place.
     */
    static java.awt.Rectangle paste(BufferedImage frame, BufferedImage bird, Random random) {
        double fraction = 1.0 / 8 + random.nextDouble() * (1.0 / 3 - 1.0 / 8);
        int width = (int) Math.round(frame.getWidth() * fraction);
        int height = (int) Math.round((double) width * bird.getHeight() / bird.getWidth());
        if (height > frame.getHeight() * 0.9) {
            height = (int) (frame.getHeight() * 0.9);
            width = (int) Math.round((double) height * bird.getWidth() / bird.getHeight());
        }
        int x = random.nextInt(frame.getWidth() - width + 1);
        int y = random.nextInt(frame.getHeight() - height + 1);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(bird, x, y, width, height, null);
        g.dispose();
        return new java.awt.Rectangle(x, y, width, height);
    }

    static byte[] jpeg(BufferedImage image) {
        return jpeg(image, 0.9f);
    }

    /** {@code image} as a JPEG of that quality (0..1), with ImageIO's writer. */
    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage flip(BufferedImage photo) {
        BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(photo, new AffineTransform(-1, 0, 0, 1, photo.getWidth(), 0), null);
        g.dispose();
        return out;
    }

    private static BufferedImage centreCrop(BufferedImage photo, double keep) {
        int w = (int) Math.round(photo.getWidth() * keep);
        int h = (int) Math.round(photo.getHeight() * keep);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(photo, -(photo.getWidth() - w) / 2, -(photo.getHeight() - h) / 2, null);
        g.dispose();
        return out;
    }

    private static BufferedImage rescale(BufferedImage photo, float[] scales, float[] offsets) {
        BufferedImage rgb = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(photo, 0, 0, null);
        g.dispose();
        return new RescaleOp(scales, offsets, null).filter(rgb, null);
    }

    /** Random colours on a coarse grid, smoothly enlarged: {@code cell} pixels per grid step. */
    private static void smoothNoise(BufferedImage frame, Random random, int cell) {
        int gw = frame.getWidth() / cell + 2;
        int gh = frame.getHeight() / cell + 2;
        BufferedImage grid = new BufferedImage(gw, gh, BufferedImage.TYPE_INT_RGB);
        Color base = earthy(random);
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                grid.setRGB(x, y, jitter(base, random, 70).getRGB());
            }
        }
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(grid, 0, 0, gw * cell, gh * cell, null);
        g.dispose();
    }

    private static void gradient(BufferedImage frame, Random random) {
        Graphics2D g = frame.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, earthy(random), frame.getWidth(), frame.getHeight(),
                earthy(random)));
        g.fillRect(0, 0, frame.getWidth(), frame.getHeight());
        g.dispose();
    }

    /** Blurred ellipses and bars in foliage colours: drawn small, then enlarged (a cheap blur). */
    private static void shapes(BufferedImage frame, Random random) {
        int w = frame.getWidth() / 8;
        int h = frame.getHeight() / 8;
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D s = small.createGraphics();
        s.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        s.setColor(earthy(random));
        s.fillRect(0, 0, w, h);
        for (int i = 0; i < 40; i++) {
            s.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.4f + random.nextFloat() * 0.5f));
            s.setColor(earthy(random));
            int x = random.nextInt(w);
            int y = random.nextInt(h);
            if (random.nextBoolean()) {
                s.fillOval(x - 10, y - 8, 5 + random.nextInt(40), 5 + random.nextInt(30));
            } else {
                s.fillRect(x, 0, 1 + random.nextInt(4), h);
            }
        }
        s.dispose();
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, frame.getWidth(), frame.getHeight(), null);
        g.dispose();
    }

    /** Greens, browns, greys and sky blues. */
    private static Color earthy(Random random) {
        Color[] palette = {new Color(60, 110, 40), new Color(120, 90, 60), new Color(140, 140, 130),
                new Color(120, 170, 220), new Color(90, 130, 70), new Color(200, 190, 160), new Color(40, 60, 35)};
        return jitter(palette[random.nextInt(palette.length)], random, 30);
    }

    private static Color jitter(Color c, Random random, int amount) {
        return new Color(clamp(c.getRed() + random.nextInt(2 * amount + 1) - amount),
                clamp(c.getGreen() + random.nextInt(2 * amount + 1) - amount),
                clamp(c.getBlue() + random.nextInt(2 * amount + 1) - amount));
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
