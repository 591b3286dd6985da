package org.fieldmark.adapter.local.onnx;

/**
 * Decoded pixels, red-green-blue interleaved, one byte per channel, row by row.
 *
 * @param width  pixels per row
 * @param height rows
 * @param rgb    {@code width * height * 3} bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image needs at least one pixel, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "expected " + width * height * 3 + " bytes for " + width + "x" + height + ", got " + rgb.length);
        }
    }
}
