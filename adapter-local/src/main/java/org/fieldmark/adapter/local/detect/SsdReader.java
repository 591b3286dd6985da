package org.fieldmark.adapter.local.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldmark.application.error.InvalidModelOutputException;

/** Reads TF Object Detection API outputs ({@link DetectorLayout.Ssd}). */
final class SsdReader implements DetectionReader {

    private final DetectorLayout.Ssd names;
    private final boolean hasCount;

    private SsdReader(DetectorLayout.Ssd names, boolean hasCount) {
        this.names = names;
        this.hasCount = hasCount;
    }

    static SsdReader of(DetectorLayout.Ssd names, Map<String, NodeInfo> outputs, StringBuilder problem) {
        List<String> wrong = new ArrayList<>();
        TensorInfo boxes = DetectionReader.declared(outputs, names.boxes());
        TensorInfo classes = DetectionReader.declared(outputs, names.classes());
        TensorInfo scores = DetectionReader.declared(outputs, names.scores());
        List<String> missing = new ArrayList<>();
        for (String name : List.of(names.boxes(), names.classes(), names.scores())) {
            if (DetectionReader.declared(outputs, name) == null) {
                missing.add("'" + name + "'");
            }
        }
        if (!missing.isEmpty()) {
            wrong.add("it has no tensor output " + String.join(", ", missing) + " (its outputs are "
                    + outputs.keySet() + "; set the ssd output names, or use the yolo layout)");
        }
        if (boxes != null && (!shaped(boxes, 3, true) || known(boxes, 2) && boxes.getShape()[2] != 4)) {
            wrong.add("output '" + names.boxes() + "' is " + describe(boxes) + "; expected FLOAT [1, N, 4]"
                    + " (ymin, xmin, ymax, xmax)");
        }
        if (scores != null && !shaped(scores, 2, true)) {
            wrong.add("output '" + names.scores() + "' is " + describe(scores) + "; expected FLOAT [1, N]");
        }
        if (classes != null && !shaped(classes, 2, false)) {
            wrong.add("output '" + names.classes() + "' is " + describe(classes) + "; expected [1, N] class ids");
        }
        TensorInfo count = DetectionReader.declared(outputs, names.numDetections());
        if (count != null && !(DetectionReader.numeric(count) && count.getShape().length <= 1)) {
            wrong.add("output '" + names.numDetections() + "' is " + describe(count) + "; expected [1] (a count)");
        }
        if (!wrong.isEmpty()) {
            problem.append(String.join("; ", wrong));
            return null;
        }
        return new SsdReader(names, count != null);
    }

    @Override
    public Set<String> outputs() {
        Set<String> wanted = new LinkedHashSet<>(List.of(names.boxes(), names.classes(), names.scores()));
        if (hasCount) {
            wanted.add(names.numDetections());
        }
        return wanted;
    }

    @Override
    public List<Detection> read(OrtSession.Result result, double minScore) {
        OnnxTensor boxTensor = DetectionReader.tensor(result, names.boxes());
        long[] boxShape = boxTensor.getInfo().getShape();
        if (boxShape.length != 3 || boxShape[0] != 1 || boxShape[2] != 4) {
            throw new InvalidModelOutputException("the detector's '" + names.boxes() + "' is "
                    + Arrays.toString(boxShape) + "; expected [1, N, 4]");
        }
        int rows = (int) boxShape[1];
        double[] boxes = DetectionReader.values(names.boxes(), boxTensor);
        double[] scores = DetectionReader.values(names.scores(), DetectionReader.tensor(result, names.scores()));
        double[] classes = DetectionReader.values(names.classes(), DetectionReader.tensor(result, names.classes()));
        if (scores.length != rows || classes.length != rows) {
            throw new InvalidModelOutputException("the detector answered " + rows + " boxes, " + scores.length
                    + " scores and " + classes.length + " classes; they must match");
        }
        int real = rows;
        if (hasCount) {
            double[] count = DetectionReader.values(names.numDetections(),
                    DetectionReader.tensor(result, names.numDetections()));
            if (count.length > 0 && count[0] >= 0) {
                real = (int) Math.min(rows, count[0]);
            }
        }
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < real; i++) {
            double score = scores[i];
            if (score > minScore) {
                int at = i * 4;
                Detection d = Detection.clamped(boxes[at + 1], boxes[at], boxes[at + 3], boxes[at + 2], score,
                        (int) Math.round(classes[i]));
                if (d != null) {
                    found.add(d);
                }
            }
        }
        return found;
    }

    /** Rank {@code rank}, batch 1 (or unknown), FLOAT when {@code floats}, else any readable number. */
    private static boolean shaped(TensorInfo info, int rank, boolean floats) {
        long[] s = info.getShape();
        boolean typeOk = floats ? info.type == ai.onnxruntime.OnnxJavaType.FLOAT : DetectionReader.numeric(info);
        return typeOk && s.length == rank && (s[0] == 1 || s[0] < 0);
    }

    private static boolean known(TensorInfo info, int axis) {
        long[] s = info.getShape();
        return axis < s.length && s[axis] >= 0;
    }

    private static String describe(TensorInfo info) {
        return info.type + " " + Arrays.toString(info.getShape());
    }
}
