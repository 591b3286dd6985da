package org.fieldmark.bootstrap.server;

import java.io.IOException;
import java.io.InputStream;
import org.fieldmark.domain.region.Region;

/**
 * A 1280x720 synthetic scene (a sky-to-leaf gradient, speckled foliage and branches, the same
 * every run) with owl.jpg pasted at a fifth of its width, right of centre and low.
 */
record Composite(byte[] jpeg, Region pasted) {

    static Composite owlInAHedge() throws IOException {
        java.awt.image.BufferedImage owl;
        try (InputStream in = Composite.class.getResourceAsStream("/photos/owl.jpg")) {
            owl = javax.imageio.ImageIO.read(in);
        }
        int width = 1280 / 5;
        int height = Math.round((float) width * owl.getHeight() / owl.getWidth());
        int x = 820;
        int y = 720 - height - 60;
        java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(1280, 720,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = frame.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(0xB8D4E3), 0, 720,
                new java.awt.Color(0x4F7A3A)));
        g.fillRect(0, 0, 1280, 720);
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 2500; i++) {
            int shade = 60 + random.nextInt(90);
            g.setColor(new java.awt.Color(shade / 2, shade, shade / 3, 90));
            int size = 6 + random.nextInt(22);
            g.fillOval(random.nextInt(1280), 200 + random.nextInt(520), size, size / 2 + 3);
        }
        g.setColor(new java.awt.Color(0x5A4632));
        for (int i = 0; i < 7; i++) {
            g.setStroke(new java.awt.BasicStroke(4 + random.nextInt(8)));
            g.drawLine(random.nextInt(1280), 250 + random.nextInt(470), random.nextInt(1280), 250 + random.nextInt(470));
        }
        g.drawImage(owl, x, y, width, height, null);
        g.dispose();
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(frame, "jpg", jpeg);
        return new Composite(jpeg.toByteArray(), new Region(x, y, width, height, 1280, 720));
    }
}
