package org.fieldmark.adapter.local.detect;

import java.util.Locale;
import java.util.Objects;

/**
 * How a detector model lays out its answer. Two families are understood:
 * <ul>
 *   <li>{@link Ssd}: the TensorFlow Object Detection API's outputs (SSD, EfficientDet, Faster R-CNN
 *       exported to ONNX): {@code boxes} FLOAT [1, N, 4] as normalised (ymin, xmin, ymax, xmax)
 *       of the input, {@code classes} [1, N] (FLOAT, INT32 or INT64 class ids), {@code scores}
 *       FLOAT [1, N], and optionally {@code num_detections} [1] saying how many of the N rows are
 *       real (the rest is padding). Outputs are found by name.</li>
 *   <li>{@link Yolo}: the Ultralytics YOLOv8 (and later) head: one FLOAT output [1, 4 + C, N]
 *       (as exported) or its transpose [1, N, 4 + C], each of the N rows being (cx, cy, w, h) in
 *       input pixels followed by C class scores, with no separate objectness. Which axis is which
 *       is read from the shape: the shorter of the last two axes is the 4 + C one (a detector
 *       proposes far more boxes than it knows classes); when both are equal the exported
 *       [1, 4 + C, N] is assumed. A row's class is its best-scoring class.</li>
 * </ul>
 * Class ids are the model's own: COCO's bird is 16 in the TF Object Detection API's label map
 * and 14 in YOLO's 80-class list ({@link #cocoBirdClass()}).
 */
public sealed interface DetectorLayout permits DetectorLayout.Ssd, DetectorLayout.Yolo {

    /** The layout's name in configuration: {@code ssd} or {@code yolo}. */
    String name();

    /** COCO's "bird" class id in this layout's usual label list. */
    int cocoBirdClass();

    /** The TF Object Detection API layout with its default output names. */
    static Ssd ssd() {
        return new Ssd(Ssd.BOXES, Ssd.CLASSES, Ssd.SCORES, Ssd.NUM_DETECTIONS);
    }

    /** The YOLOv8 layout. */
    static Yolo yolo() {
        return new Yolo();
    }

    /**
     * The layout named in configuration ({@code ssd} or {@code yolo}, any case) with default output names.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static DetectorLayout named(String name) {
        return switch (Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT)) {
            case "ssd" -> ssd();
            case "yolo" -> yolo();
            default -> throw new IllegalArgumentException("detector layout '" + name
                    + "' is not known; use ssd (TF Object Detection API outputs) or yolo (YOLOv8 head)");
        };
    }

    /**
     * TF Object Detection API outputs, found by name.
     *
     * @param boxes         FLOAT [1, N, 4] normalised (ymin, xmin, ymax, xmax)
     * @param classes       [1, N] class ids
     * @param scores        FLOAT [1, N]
     * @param numDetections [1] count of real rows; used when the model has an output of that name
     */
    record Ssd(String boxes, String classes, String scores, String numDetections) implements DetectorLayout {

        public static final String BOXES = "detection_boxes";
        public static final String CLASSES = "detection_classes";
        public static final String SCORES = "detection_scores";
        public static final String NUM_DETECTIONS = "num_detections";

        @Override
        public String name() {
            return "ssd";
        }

        @Override
        public int cocoBirdClass() {
            return 16;
        }
    }

    /** The YOLOv8 head: one output, boxes in input pixels, then class scores. */
    record Yolo() implements DetectorLayout {

        @Override
        public String name() {
            return "yolo";
        }

        @Override
        public int cocoBirdClass() {
            return 14;
        }
    }
}
