package org.fieldmark.adapter.local.onnx;

import java.nio.ByteBuffer;

/**
 * Resizes an RGB image to a fixed size with a box filter: each output pixel is the average of
 * the source area it covers, partly covered source pixels counting by the covered fraction. This
 * is the antialiased "area-averaging" downscale the bird model was trained with; the aspect ratio
 * is not kept (the whole picture is squashed, as PIL's {@code resize((224, 224))} does). Into a
 * direct buffer, where the native decoder is loaded ({@link NativeDecoding}), OpenCV's INTER_AREA
 * does it: the same filter.
 */
public final class AreaResize {

    private AreaResize() {
    }

    /**
     * Writes {@code outWidth * outHeight * 3} bytes (NHWC, RGB) into {@code target} from its
     * current position; the position is left unchanged.
     */
    public static void resize(RgbImage source, int outWidth, int outHeight, ByteBuffer target) {
        if (outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + outWidth + "x" + outHeight);
        }
        if (target.remaining() < outWidth * outHeight * 3) {
            throw new IllegalArgumentException("target has room for " + target.remaining() + " bytes, needs "
                    + outWidth * outHeight * 3);
        }
        if (target.isDirect() && NativeDecoding.decoder().isPresent()) {
            // The same filter in OpenCV (vectorised): far less CPU for a photo than the loops below.
            NativeDecoding.decoder().get().resize(source, outWidth, outHeight, target);
        } else {
            resizeHere(source, outWidth, outHeight, target);
        }
    }

    private static void resizeHere(RgbImage source, int outWidth, int outHeight, ByteBuffer target) {
        Weights columns = Weights.of(source.width(), outWidth);
        Weights rows = Weights.of(source.height(), outHeight);
        byte[] src = source.rgb();
        int srcStride = source.width() * 3;
        int outStride = outWidth * 3;
        // Horizontal pass into floats, one row per source row; the vertical pass then mixes rows.
        float[] horizontal = new float[source.height() * outStride];
        for (int y = 0; y < source.height(); y++) {
            int rowStart = y * srcStride;
            int outRow = y * outStride;
            for (int x = 0; x < outWidth; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int first = columns.first[x];
                int count = columns.count[x];
                int weightAt = columns.offset[x];
                int p = rowStart + first * 3;
                for (int k = 0; k < count; k++, p += 3) {
                    float w = columns.weight[weightAt + k];
                    r += w * (src[p] & 0xFF);
                    g += w * (src[p + 1] & 0xFF);
                    b += w * (src[p + 2] & 0xFF);
                }
                int o = outRow + x * 3;
                horizontal[o] = r;
                horizontal[o + 1] = g;
                horizontal[o + 2] = b;
            }
        }
        int base = target.position();
        float[] line = new float[outStride];
        for (int y = 0; y < outHeight; y++) {
            java.util.Arrays.fill(line, 0f);
            int first = rows.first[y];
            int count = rows.count[y];
            int weightAt = rows.offset[y];
            for (int k = 0; k < count; k++) {
                float w = rows.weight[weightAt + k];
                int from = (first + k) * outStride;
                for (int i = 0; i < outStride; i++) {
                    line[i] += w * horizontal[from + i];
                }
            }
            int o = base + y * outStride;
            for (int i = 0; i < outStride; i++) {
                target.put(o + i, toByte(line[i]));
            }
        }
    }

    private static byte toByte(float value) {
        int rounded = Math.round(value);
        return (byte) (rounded < 0 ? 0 : Math.min(rounded, 255));
    }

    /**
     * For each output index: the first source index it covers, how many, and their weights
     * (covered fraction divided by the output pixel's width in source pixels, so they sum to 1).
     */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final int[] offset;
        final float[] weight;

        private Weights(int[] first, int[] count, int[] offset, float[] weight) {
            this.first = first;
            this.count = count;
            this.offset = offset;
            this.weight = weight;
        }

        static Weights of(int sourceSize, int outSize) {
            double scale = (double) sourceSize / outSize;
            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] offset = new int[outSize];
            float[] weight = new float[outSize * ((int) Math.ceil(scale) + 2)];
            int used = 0;
            for (int o = 0; o < outSize; o++) {
                double start = o * scale;
                double end = Math.min((o + 1) * scale, sourceSize);
                int lo = (int) Math.floor(start);
                int hi = Math.min((int) Math.ceil(end), sourceSize);
                first[o] = lo;
                offset[o] = used;
                double total = end - start;
                int n = 0;
                for (int i = lo; i < hi; i++) {
                    double covered = Math.min(end, i + 1) - Math.max(start, i);
                    if (covered > 0) {
                        weight[used + n] = (float) (covered / total);
                    }
                    n++;
                }
                count[o] = n;
                used += n;
            }
            return new Weights(first, count, offset, weight);
        }
    }
}
