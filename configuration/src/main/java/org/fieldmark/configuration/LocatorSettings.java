package org.fieldmark.configuration;

import java.util.List;
import java.util.Objects;

/**
 * The locate stage, for both runtimes: {@code mode} (auto already resolved), the search's window
 * scales, budget and early exit, and the detector's settings.
 */
public record LocatorSettings(Mode mode, List<Double> scales, int maxWindows, double earlyExit, Detector detector) {

    /** How the bird is found: the classifier's window search, the whole frame, or an object detector. */
    public enum Mode { SEARCH, WHOLE, DETECTOR }

    public LocatorSettings {
        Objects.requireNonNull(mode, "mode");
        scales = List.copyOf(scales);
        Objects.requireNonNull(detector, "detector");
    }

    /**
     * The {@code detector} locator's settings ({@code locator.detector.*}).
     *
     * @param model       the .onnx object detector; {@code null} unless the mode is detector
     * @param layout      {@code ssd} or {@code yolo}
     * @param birdClasses the detector's bird class ids; empty: COCO's bird of the layout
     * @param minScore    boxes scoring below this are ignored
     * @param nmsIou      of two boxes overlapping more than this, the better one is kept
     * @param margin      context around each box, a fraction of its width and height
     */
    public record Detector(String model, String layout, List<Integer> birdClasses, double minScore, double nmsIou,
                           double margin) {
        public Detector {
            Objects.requireNonNull(layout, "layout");
            birdClasses = List.copyOf(birdClasses);
        }
    }
}
