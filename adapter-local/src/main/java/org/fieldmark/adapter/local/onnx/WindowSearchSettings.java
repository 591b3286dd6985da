package org.fieldmark.adapter.local.onnx;

import java.util.List;

/**
 * How the {@code search} locator spends its windows.
 *
 * @param scales     window sides as fractions of the photo's shorter side, largest first (each
 *                   0.1..1); each scale lays square windows over the photo with about a quarter
 *                   overlap; the whole frame is always scored first and is not listed
 * @param maxWindows at most this many windows per photo, the whole frame included (at least 1);
 *                   a photo too wide for the plan gets sparser windows, then fewer scales
 * @param earlyExit  stop after the whole frame (or after the coarse windows) when its strongest
 *                   bird class reaches this probability and is the top class (0..1; 1 never stops early)
 */
public record WindowSearchSettings(List<Double> scales, int maxWindows, double earlyExit) {

    /**
     * One scale of windows 0.6 of the shorter side (8 on a 16:9 frame) and the five refining windows
     * (0.39 of the shorter side) cover birds from a third down to about a tenth of a 16:9 frame's width;
     * at most 16 windows; stop when the whole frame is as sure as the default confidence threshold
     * (0.70). A second, finer scale cost windows without gaining accuracy (benchmarks/RESULTS.md).
     */
    public static final WindowSearchSettings DEFAULT = new WindowSearchSettings(List.of(0.6), 16, 0.7);

    public WindowSearchSettings {
        scales = List.copyOf(scales);
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("locator scales must list at least one window size, e.g. 0.6,0.35");
        }
        for (double scale : scales) {
            if (!(scale >= 0.1 && scale <= 1.0)) {
                throw new IllegalArgumentException("locator scales are fractions of the photo's shorter side "
                        + "between 0.1 and 1, got " + scale);
            }
        }
        if (maxWindows < 1) {
            throw new IllegalArgumentException("locator max windows must be at least 1 (the whole frame), got "
                    + maxWindows);
        }
        if (!(earlyExit >= 0.0 && earlyExit <= 1.0)) {
            throw new IllegalArgumentException("locator early exit is a probability between 0 and 1, got "
                    + earlyExit);
        }
    }
}
