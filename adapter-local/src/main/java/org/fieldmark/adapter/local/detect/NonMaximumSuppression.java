package org.fieldmark.adapter.local.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression: detectors answer one bird with several overlapping boxes; the
 * best-scoring box of each overlapping group stands for it. Class-agnostic, because every class
 * passed in means "bird" and two bird classes on one bird are still one bird.
 */
final class NonMaximumSuppression {

    private NonMaximumSuppression() {
    }

    /**
     * The detections to keep, best score first (ties keep the model's order): each one overlaps no
     * better-scoring kept box by more than {@code iouThreshold}.
     */
    static List<Detection> keep(List<Detection> detections, double iouThreshold) {
        List<Detection> byScore = new ArrayList<>(detections);
        byScore.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : byScore) {
            boolean overlaps = false;
            for (Detection better : kept) {
                if (candidate.intersectionOverUnion(better) > iouThreshold) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        return kept;
    }
}
