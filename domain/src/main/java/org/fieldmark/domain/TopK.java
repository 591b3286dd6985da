package org.fieldmark.domain;

/**
 * Top-K selection in O(N·K) without sorting the whole vector: catalogs reach 10,000 classes
 * while K is a handful.
 */
final class TopK {

    private TopK() {
    }

    /**
     * Indices of the {@code k} largest values, largest first; equal values keep the lower index
     * first. When {@code k} exceeds the length, all indices are returned.
     */
    static int[] select(double[] values, int k) {
        int size = Math.min(k, values.length);
        int[] index = new int[size];
        double[] best = new double[size];
        int filled = 0;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            // A later index never displaces an equal value: ties rank the lower index first.
            if (filled == size && !(v > best[size - 1])) {
                continue;
            }
            int pos = filled == size ? size - 1 : filled;
            while (pos > 0 && v > best[pos - 1]) {
                best[pos] = best[pos - 1];
                index[pos] = index[pos - 1];
                pos--;
            }
            best[pos] = v;
            index[pos] = i;
            if (filled < size) {
                filled++;
            }
        }
        return index;
    }
}
