package org.fieldmark.adapter.local.onnx;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/**
 * The slow, obvious area average to check the fast path against: the whole image decoded, each
 * output pixel the coverage-weighted mean of every source pixel under it, in doubles.
 */
final class ReferenceAreaAverage {

    private ReferenceAreaAverage() {
    }

    static ByteBuffer resize(BufferedImage image, int outWidth, int outHeight) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        double sx = (double) w / outWidth;
        double sy = (double) h / outHeight;
        ByteBuffer out = ByteBuffer.allocateDirect(outWidth * outHeight * 3);
        for (int oy = 0; oy < outHeight; oy++) {
            double y0 = oy * sy;
            double y1 = (oy + 1) * sy;
            for (int ox = 0; ox < outWidth; ox++) {
                double x0 = ox * sx;
                double x1 = (ox + 1) * sx;
                double r = 0;
                double g = 0;
                double b = 0;
                double area = 0;
                for (int y = (int) y0; y < Math.min(h, Math.ceil(y1)); y++) {
                    double wy = Math.min(y1, y + 1) - Math.max(y0, y);
                    for (int x = (int) x0; x < Math.min(w, Math.ceil(x1)); x++) {
                        double wx = Math.min(x1, x + 1) - Math.max(x0, x);
                        double weight = wx * wy;
                        int p = argb[y * w + x];
                        r += weight * ((p >> 16) & 0xFF);
                        g += weight * ((p >> 8) & 0xFF);
                        b += weight * (p & 0xFF);
                        area += weight;
                    }
                }
                int o = (oy * outWidth + ox) * 3;
                out.put(o, (byte) Math.round(r / area));
                out.put(o + 1, (byte) Math.round(g / area));
                out.put(o + 2, (byte) Math.round(b / area));
            }
        }
        return out;
    }
}
