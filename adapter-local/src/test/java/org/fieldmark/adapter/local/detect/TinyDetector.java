package org.fieldmark.adapter.local.detect;

import static org.fieldmark.adapter.local.detect.OnnxProto.floats;
import static org.fieldmark.adapter.local.detect.OnnxProto.intAttribute;
import static org.fieldmark.adapter.local.detect.OnnxProto.intsAttribute;
import static org.fieldmark.adapter.local.detect.OnnxProto.longs;
import static org.fieldmark.adapter.local.detect.OnnxProto.node;
import static org.fieldmark.adapter.local.detect.OnnxProto.tensorAttribute;
import static org.fieldmark.adapter.local.detect.OnnxProto.tensorValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fieldmark.domain.region.Region;

/**
 * A tiny object detector written as an ONNX model at test time, whose answer depends on the photo
 * so the tests prove real ONNX Runtime runs end to end.
 *
 * <p>How it is made: the image input (64 x 64, UINT8 NHWC or FLOAT NCHW) becomes FLOAT NCHW in
 * 0..1 (Cast, Transpose, Mul by 1/255 for bytes); an AveragePool with a 16 x 16 kernel and stride
 * averages each cell of a 4 x 4 grid, and a ReduceMean over the channels leaves one brightness per
 * cell, 0 (black) to 1 (white). Those 16 brightnesses are the scores of 16 constant boxes, one per
 * cell in row-major order; 16 more constant boxes, each its cell's box shrunk by 1/16 of the cell
 * on every side (IoU 0.77 with it), score 0.9 times the cell's brightness, as the duplicates a
 * real detector emits for one object. Every box's class is "bird" except cell {@link #NON_BIRD_CELL}
 * and its duplicate. So a bright patch painted over cell k of a photo makes cell k's box the top
 * detection. The heads:
 * <ul>
 *   <li>{@link Head#SSD}: Constant {@code detection_boxes} [1, 32, 4] (ymin, xmin, ymax, xmax),
 *       Constant {@code detection_classes} [1, 32] (COCO ids as floats: 16 bird, 1 person),
 *       {@code detection_scores} [1, 32] from the pooling, Constant {@code num_detections} [1] = 32;</li>
 *   <li>{@link Head#YOLO}: one {@code output0} [1, 21, 32]: a constant [1, 4, 32] of (cx, cy, w, h)
 *       in input pixels concatenated with the scores times a constant one-hot class mask
 *       [1, 17, 32] (YOLO's COCO ids: 14 bird, 0 person); {@link Head#YOLO_TRANSPOSED} transposes it
 *       to [1, 32, 21];</li>
 *   <li>{@link Head#SCORES_ONLY}: just the scores [1, 32] as {@code output0}, a model that is no detector;</li>
 *   <li>{@link Head#SSD_SHORT_CLASSES}: the ssd head with classes for only the first 16 boxes, a
 *       model whose declared shapes look right but whose answers do not fit together.</li>
 * </ul>
 * The bytes are the same on every run ({@code TinyDetectorTest}).
 */
final class TinyDetector {

    /** The input's width and height. */
    static final int SIZE = 64;
    static final int GRID = 4;
    static final int CELLS = GRID * GRID;
    static final int BOXES = 2 * CELLS;
    static final int NON_BIRD_CELL = 5;
    static final int SSD_BIRD = 16;
    static final int SSD_PERSON = 1;
    static final int YOLO_BIRD = 14;
    static final int YOLO_PERSON = 0;
    static final int YOLO_CLASSES = 17;
    static final float DUPLICATE_SCORE = 0.9f;
    /** How far each side of a duplicate lies inside its cell's box, as a fraction of the cell. */
    static final float DUPLICATE_INSET = 1f / 16;

    enum Input { UINT8_NHWC, FLOAT_NCHW, FLOAT_NHWC }

    enum Head { SSD, YOLO, YOLO_TRANSPOSED, SCORES_ONLY, SSD_SHORT_CLASSES }

    private TinyDetector() {
    }

    /** Writes the model into {@code directory} and answers its path. */
    static Path write(Path directory, Input input, Head head) {
        Path file = directory.resolve("tiny-" + head.name().toLowerCase() + "-" + input.name().toLowerCase() + ".onnx");
        try {
            return Files.write(file, model(input, head));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] model(Input input, Head head) {
        OnnxProto graph = OnnxProto.graph("tiny_detector");
        String x = imageNodes(graph, input);
        int cell = SIZE / GRID;
        graph.node(node("AveragePool", new String[] {x}, "pooled", intsAttribute("kernel_shape", cell, cell),
                intsAttribute("strides", cell, cell)));
        graph.node(node("ReduceMean", new String[] {"pooled"}, "cell_means", intsAttribute("axes", 1),
                intAttribute("keepdims", 0)));
        graph.initializer(longs("cells_shape", new long[] {2}, 1, CELLS));
        graph.node(node("Reshape", new String[] {"cell_means", "cells_shape"}, "cell_scores"));
        graph.initializer(floats("duplicate_factor", new long[0], DUPLICATE_SCORE));
        graph.node(node("Mul", new String[] {"cell_scores", "duplicate_factor"}, "duplicate_scores"));
        boolean ssd = head == Head.SSD || head == Head.SSD_SHORT_CLASSES;
        String scores = ssd ? DetectorLayout.Ssd.SCORES : "scores";
        graph.node(node("Concat", new String[] {"cell_scores", "duplicate_scores"}, scores, intAttribute("axis", 1)));
        switch (head) {
            case SSD -> ssdHead(graph, BOXES);
            case SSD_SHORT_CLASSES -> ssdHead(graph, CELLS);
            case YOLO, YOLO_TRANSPOSED -> yoloHead(graph, head == Head.YOLO_TRANSPOSED);
            case SCORES_ONLY -> {
                graph.node(node("Identity", new String[] {scores}, "output0"));
                graph.output(tensorValue("output0", OnnxProto.FLOAT, 1, BOXES));
            }
        }
        return OnnxProto.model(8, 13, "fieldmark-tests", graph);
    }

    /** Declares the input and turns it into FLOAT NCHW in 0..1; answers that value's name. */
    private static String imageNodes(OnnxProto graph, Input input) {
        switch (input) {
            case UINT8_NHWC -> {
                graph.input(tensorValue("image", OnnxProto.UINT8, 1, SIZE, SIZE, 3));
                graph.node(node("Cast", new String[] {"image"}, "image_float", intAttribute("to", OnnxProto.FLOAT)));
                graph.node(node("Transpose", new String[] {"image_float"}, "image_nchw",
                        intsAttribute("perm", 0, 3, 1, 2)));
                graph.initializer(floats("one_255th", new long[0], 1f / 255));
                graph.node(node("Mul", new String[] {"image_nchw", "one_255th"}, "x"));
                return "x";
            }
            case FLOAT_NHWC -> {
                graph.input(tensorValue("images", OnnxProto.FLOAT, 1, SIZE, SIZE, 3));
                graph.node(node("Transpose", new String[] {"images"}, "x", intsAttribute("perm", 0, 3, 1, 2)));
                return "x";
            }
            default -> {
                graph.input(tensorValue("images", OnnxProto.FLOAT, 1, 3, SIZE, SIZE));
                return "images";
            }
        }
    }

    private static void ssdHead(OnnxProto graph, int classRows) {
        float[] boxes = new float[BOXES * 4];
        float[] classes = new float[classRows];
        for (int b = 0; b < BOXES; b++) {
            float[] edges = edges(b);
            boxes[b * 4] = edges[1];
            boxes[b * 4 + 1] = edges[0];
            boxes[b * 4 + 2] = edges[3];
            boxes[b * 4 + 3] = edges[2];
            if (b < classRows) {
                classes[b] = b % CELLS == NON_BIRD_CELL ? SSD_PERSON : SSD_BIRD;
            }
        }
        constant(graph, DetectorLayout.Ssd.BOXES, new long[] {1, BOXES, 4}, boxes);
        constant(graph, DetectorLayout.Ssd.CLASSES, new long[] {1, classRows}, classes);
        constant(graph, DetectorLayout.Ssd.NUM_DETECTIONS, new long[] {1}, BOXES);
        graph.output(tensorValue(DetectorLayout.Ssd.BOXES, OnnxProto.FLOAT, 1, BOXES, 4));
        graph.output(tensorValue(DetectorLayout.Ssd.CLASSES, OnnxProto.FLOAT, 1, classRows));
        graph.output(tensorValue(DetectorLayout.Ssd.SCORES, OnnxProto.FLOAT, 1, BOXES));
        graph.output(tensorValue(DetectorLayout.Ssd.NUM_DETECTIONS, OnnxProto.FLOAT, 1));
    }

    private static void yoloHead(OnnxProto graph, boolean transposed) {
        float[] boxes = new float[4 * BOXES];
        float[] mask = new float[YOLO_CLASSES * BOXES];
        for (int b = 0; b < BOXES; b++) {
            float[] e = edges(b);
            boxes[b] = (e[0] + e[2]) / 2 * SIZE;
            boxes[BOXES + b] = (e[1] + e[3]) / 2 * SIZE;
            boxes[2 * BOXES + b] = (e[2] - e[0]) * SIZE;
            boxes[3 * BOXES + b] = (e[3] - e[1]) * SIZE;
            int classId = b % CELLS == NON_BIRD_CELL ? YOLO_PERSON : YOLO_BIRD;
            mask[classId * BOXES + b] = 1f;
        }
        graph.initializer(floats("yolo_boxes", new long[] {1, 4, BOXES}, boxes));
        graph.initializer(floats("class_mask", new long[] {1, YOLO_CLASSES, BOXES}, mask));
        graph.initializer(longs("row_shape", new long[] {3}, 1, 1, BOXES));
        graph.node(node("Reshape", new String[] {"scores", "row_shape"}, "scores_row"));
        graph.node(node("Mul", new String[] {"scores_row", "class_mask"}, "class_scores"));
        String head = transposed ? "head" : "output0";
        graph.node(node("Concat", new String[] {"yolo_boxes", "class_scores"}, head, intAttribute("axis", 1)));
        if (transposed) {
            graph.node(node("Transpose", new String[] {head}, "output0", intsAttribute("perm", 0, 2, 1)));
            graph.output(tensorValue("output0", OnnxProto.FLOAT, 1, BOXES, 4 + YOLO_CLASSES));
        } else {
            graph.output(tensorValue("output0", OnnxProto.FLOAT, 1, 4 + YOLO_CLASSES, BOXES));
        }
    }

    private static void constant(OnnxProto graph, String name, long[] dims, float... values) {
        graph.node(node("Constant", new String[0], name, tensorAttribute("value", floats(name, dims, values))));
    }

    /** Box {@code b}'s normalised (left, top, right, bottom): its cell's, inset for a duplicate. */
    static float[] edges(int b) {
        int cell = b % CELLS;
        float inset = b < CELLS ? 0f : DUPLICATE_INSET / GRID;
        float left = (float) (cell % GRID) / GRID;
        float top = (float) (cell / GRID) / GRID;
        return new float[] {left + inset, top + inset, left + 1f / GRID - inset, top + 1f / GRID - inset};
    }

    /** Cell {@code cell} of a photo, in its pixels (the photo's sides are multiples of the grid in the tests). */
    static Region cell(int cell, int photoWidth, int photoHeight) {
        int w = photoWidth / GRID;
        int h = photoHeight / GRID;
        return new Region(cell % GRID * w, cell / GRID * h, w, h, photoWidth, photoHeight);
    }
}
