package org.fieldmark.adapter.local.detect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fieldmark.application.error.ConfigurationInvalidException;

/**
 * What the {@code detector} locator needs; every problem is reported at once.
 *
 * @param model          the ONNX detector file
 * @param layout         how its outputs are laid out ({@link DetectorLayout})
 * @param birdClasses    the model's class ids that mean "bird" (at least one; COCO's is
 *                       {@link DetectorLayout#cocoBirdClass()})
 * @param minScore       a detection counts when its score is above this, 0 (inclusive) to 1 (exclusive)
 * @param nmsIou         of two bird boxes overlapping more than this (intersection over union), only
 *                       the better-scoring one is kept; above 0, at most 1 (1 keeps every box)
 * @param margin         context added around each box for the classifier, as a fraction of the
 *                       box's width (left and right) and height (top and bottom), clamped to the
 *                       photo; 0 to 1
 * @param intraOpThreads threads ONNX Runtime may use for one photo, at least 1
 */
public record DetectorSettings(Path model, DetectorLayout layout, Set<Integer> birdClasses, double minScore,
                               double nmsIou, double margin, int intraOpThreads) {

    public static final double DEFAULT_MIN_SCORE = 0.3;
    public static final double DEFAULT_NMS_IOU = 0.5;
    public static final double DEFAULT_MARGIN = 0.10;
    public static final int DEFAULT_INTRA_OP_THREADS = 1;

    public DetectorSettings {
        List<String> problems = new ArrayList<>();
        if (model == null) {
            problems.add("the detector model is not set; point it at an .onnx object detector");
        }
        if (layout == null) {
            problems.add("the detector layout is not set; use ssd or yolo");
        } else if (layout instanceof DetectorLayout.Ssd ssd) {
            checkName(problems, "boxes", ssd.boxes());
            checkName(problems, "classes", ssd.classes());
            checkName(problems, "scores", ssd.scores());
            checkName(problems, "num_detections", ssd.numDetections());
        }
        if (birdClasses == null || birdClasses.isEmpty()) {
            problems.add("the detector's bird classes are empty; list the model's class ids for birds"
                    + " (COCO: 16 for ssd, 14 for yolo)");
        } else if (birdClasses.stream().anyMatch(id -> id == null || id < 0)) {
            problems.add("the detector's bird classes " + birdClasses + " include a negative id; class ids start at 0");
        }
        if (!(minScore >= 0 && minScore < 1)) {
            problems.add("the detector's minimum score must be at least 0 and below 1, got " + minScore);
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            problems.add("the detector's NMS IoU threshold must be above 0 and at most 1, got " + nmsIou
                    + " (" + DEFAULT_NMS_IOU + " is usual)");
        }
        if (!(margin >= 0 && margin <= 1)) {
            problems.add("the detector's crop margin must be between 0 and 1 (a fraction of the box), got " + margin);
        }
        if (intraOpThreads < 1) {
            problems.add("the detector's intra-op threads must be at least 1, got " + intraOpThreads);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
        birdClasses = Set.copyOf(birdClasses);
    }

    /** The defaults for everything but the model and layout: COCO's bird class for the layout. */
    public static DetectorSettings defaults(Path model, DetectorLayout layout) {
        return new DetectorSettings(model, layout, layout == null ? Set.of() : Set.of(layout.cocoBirdClass()),
                DEFAULT_MIN_SCORE, DEFAULT_NMS_IOU, DEFAULT_MARGIN, DEFAULT_INTRA_OP_THREADS);
    }

    /**
     * The settings a configuration names: the layout by name ({@code ssd} or {@code yolo}), and no
     * bird classes meaning COCO's bird of that layout ({@link DetectorLayout#cocoBirdClass()}).
     *
     * @throws ConfigurationInvalidException naming every problem, the layout's name included
     */
    public static DetectorSettings configured(Path model, String layout, Collection<Integer> birdClasses,
                                              double minScore, double nmsIou, double margin) {
        DetectorLayout named;
        try {
            named = DetectorLayout.named(layout == null ? "ssd" : layout);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationInvalidException(List.of(e.getMessage()));
        }
        Set<Integer> classes = birdClasses == null || birdClasses.isEmpty()
                ? Set.of(named.cocoBirdClass()) : new LinkedHashSet<>(birdClasses);
        return new DetectorSettings(model, named, classes, minScore, nmsIou, margin, DEFAULT_INTRA_OP_THREADS);
    }

    private static void checkName(List<String> problems, String what, String name) {
        if (name == null || name.isBlank()) {
            problems.add("the ssd layout's " + what + " output name is blank; name the model's output");
        }
    }
}
