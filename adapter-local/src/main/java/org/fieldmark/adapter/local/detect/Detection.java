package org.fieldmark.adapter.local.detect;

/**
 * One box a detector proposed, in normalised coordinates of its input (0..1 of the width and
 * height; the photo is squashed to the input, so they are the photo's normalised coordinates too).
 *
 * @param left    left edge
 * @param top     top edge
 * @param right   right edge, above {@code left}
 * @param bottom  bottom edge, above {@code top}
 * @param score   the detector's confidence
 * @param classId the detector's class
 */
record Detection(double left, double top, double right, double bottom, double score, int classId) {

    Detection {
        if (!(right > left && bottom > top)) {
            throw new IllegalArgumentException("an empty box: (" + left + ", " + top + ") to (" + right + ", "
                    + bottom + ")");
        }
    }

    /**
     * A box from edges a model gave, clamped to the input; {@code null} when nothing of it is
     * left inside (or a coordinate is not a number).
     */
    static Detection clamped(double left, double top, double right, double bottom, double score, int classId) {
        double l = clamp(left);
        double t = clamp(top);
        double r = clamp(right);
        double b = clamp(bottom);
        return r > l && b > t ? new Detection(l, t, r, b, score, classId) : null;
    }

    double width() {
        return right - left;
    }

    double height() {
        return bottom - top;
    }

    /** Intersection over union: 0 apart, 1 the same box. */
    double intersectionOverUnion(Detection other) {
        double w = Math.min(right, other.right) - Math.max(left, other.left);
        double h = Math.min(bottom, other.bottom) - Math.max(top, other.top);
        if (w <= 0 || h <= 0) {
            return 0.0;
        }
        double intersection = w * h;
        return intersection / (width() * height() + other.width() * other.height() - intersection);
    }

    private static double clamp(double v) {
        // NaN fails both comparisons and becomes 0; the box then usually collapses and is dropped.
        return v > 0 ? Math.min(v, 1.0) : 0.0;
    }
}
