package org.fieldmark.domain;

/**
 * Top-K selection in O(N·K) without sorting the whole vector: catalogs reach 10,000 classes
 * while K is a handful.
 */
public final class TopK {

    private TopK() {
    }

    /**
     * Indices of the {@code k} largest values, largest first; equal values keep the lower index
     * first. When {@code k} exceeds the length, all indices are returned.
     */
    public static int[] select(double[] values, int k) {
        int size = Math.min(k, values.length);
        int[] index = new int[size];
        double[] best = new double[size];
        for (int i = 0; i < size; i++) {
            insert(values[i], i, i, best, index);
        }
        if (size == 0) {
            return index;
        }
        // Past the first K values almost every value is below the K-th best: keep that floor in
        // a local so the common case is one comparison.
        double floor = best[size - 1];
        for (int i = size; i < values.length; i++) {
            double v = values[i];
            // A later index never displaces an equal value: ties rank the lower index first.
            if (v > floor) {
                insert(v, i, size - 1, best, index);
                floor = best[size - 1];
            }
        }
        return index;
    }

    /** Puts value {@code v} of class {@code i} at {@code pos} or above, moving smaller ones down. */
    private static void insert(double v, int i, int pos, double[] best, int[] index) {
        while (pos > 0 && v > best[pos - 1]) {
            best[pos] = best[pos - 1];
            index[pos] = index[pos - 1];
            pos--;
        }
        best[pos] = v;
        index[pos] = i;
    }
}
