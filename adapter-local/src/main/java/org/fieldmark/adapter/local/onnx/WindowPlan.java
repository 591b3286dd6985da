package org.fieldmark.adapter.local.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the search puts its windows, in decoded pixels: square windows per scale, spread evenly so
 * that neighbours overlap by about a quarter, and five finer windows inside the best one (its four
 * corners and its centre) to refine. Pure arithmetic, so the plan is tested on its own.
 */
final class WindowPlan {

    /** Neighbouring windows start this fraction of a side apart (a quarter overlap). */
    static final double STRIDE = 0.75;
    /** Refining windows are this fraction of the best window's side. */
    static final double REFINE = 0.65;
    static final int REFINE_WINDOWS = 5;

    /** A window in decoded pixels. */
    record Box(int x, int y, int width, int height) {
    }

    private WindowPlan() {
    }

    /**
     * The coarse windows of a {@code width} x {@code height} image: at most {@code budget}, windows
     * of each scale in rows from the top left. When the plan does not fit, windows are spread more
     * sparsely (strides up to four sides); a panorama too long even for that gets {@code budget}
     * windows of the largest scale, spread evenly along it.
     */
    static List<Box> coarse(int width, int height, List<Double> scales, int budget) {
        if (budget <= 0) {
            return List.of();
        }
        for (double stride = STRIDE; stride <= 4.0; stride *= 1.5) {
            List<Box> boxes = new ArrayList<>();
            for (double scale : scales) {
                boxes.addAll(grid(width, height, scale, stride));
            }
            if (boxes.size() <= budget) {
                return boxes;
            }
        }
        // Too long a photo for even the sparsest grid (a panorama), or too many scales for the budget:
        // windows of the largest scale picked evenly from its grid, so every part of the photo still
        // has windows near it, then the next scale's while budget is left; never one window twice
        // (it would vote twice in the choice).
        List<Box> boxes = new ArrayList<>(budget);
        for (double scale : scales.stream().sorted(java.util.Comparator.reverseOrder()).toList()) {
            List<Box> level = grid(width, height, scale, STRIDE);
            int take = Math.min(budget - boxes.size(), level.size());
            for (int i = 0; i < take; i++) {
                Box box = level.get((int) ((long) i * level.size() / take));
                if (!boxes.contains(box)) {
                    boxes.add(box);
                }
            }
            if (boxes.size() >= budget) {
                break;
            }
        }
        return boxes;
    }

    /** Five windows inside {@code best}: its four corners and its centre, each {@value #REFINE} of its side. */
    static List<Box> refine(Box best) {
        int w = Math.max(1, (int) Math.round(best.width() * REFINE));
        int h = Math.max(1, (int) Math.round(best.height() * REFINE));
        int right = best.x() + best.width() - w;
        int bottom = best.y() + best.height() - h;
        int cx = best.x() + (best.width() - w) / 2;
        int cy = best.y() + (best.height() - h) / 2;
        return List.of(new Box(best.x(), best.y(), w, h), new Box(right, best.y(), w, h),
                new Box(best.x(), bottom, w, h), new Box(right, bottom, w, h), new Box(cx, cy, w, h));
    }

    private static List<Box> grid(int width, int height, double scale, double stride) {
        int side = Math.max(1, (int) Math.round(scale * Math.min(width, height)));
        int[] xs = positions(width, side, stride);
        int[] ys = positions(height, side, stride);
        List<Box> boxes = new ArrayList<>(xs.length * ys.length);
        for (int y : ys) {
            for (int x : xs) {
                boxes.add(new Box(x, y, Math.min(side, width), Math.min(side, height)));
            }
        }
        return boxes;
    }

    /** Starts from 0 to {@code length - side}, evenly spread, neighbours at most {@code stride} sides apart. */
    private static int[] positions(int length, int side, double stride) {
        if (side >= length) {
            return new int[] {0};
        }
        int span = length - side;
        int count = (int) Math.ceil(span / (side * stride)) + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = (int) Math.round((double) span * i / (count - 1));
        }
        return starts;
    }
}
