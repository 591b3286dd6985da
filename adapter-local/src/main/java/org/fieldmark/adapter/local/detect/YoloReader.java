package org.fieldmark.adapter.local.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldmark.application.error.InvalidModelOutputException;

/**
 * Reads a YOLOv8 head ({@link DetectorLayout.Yolo}): the model's first output, [1, 4 + C, N] or
 * [1, N, 4 + C], rows of (cx, cy, w, h) in input pixels and C class scores.
 */
final class YoloReader implements DetectionReader {

    private final String output;
    private final int inputWidth;
    private final int inputHeight;

    private YoloReader(String output, int inputWidth, int inputHeight) {
        this.output = output;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
    }

    static YoloReader of(Map<String, NodeInfo> outputs, DetectorInput input, StringBuilder problem) {
        String name = outputs.keySet().iterator().next();
        TensorInfo info = DetectionReader.declared(outputs, name);
        long[] s = info == null ? new long[0] : info.getShape();
        boolean fits = info != null && info.type == OnnxJavaType.FLOAT && s.length == 3 && (s[0] == 1 || s[0] < 0)
                && (s[1] < 0 || s[2] < 0 || Math.min(s[1], s[2]) >= 5);
        if (!fits) {
            problem.append("output '").append(name).append("' is ")
                    .append(info == null ? "not a tensor" : info.type + " " + Arrays.toString(s))
                    .append("; the yolo layout expects FLOAT [1, 4 + classes, boxes] or [1, boxes, 4 + classes]");
            return null;
        }
        return new YoloReader(name, input.width(), input.height());
    }

    @Override
    public Set<String> outputs() {
        return Set.of(output);
    }

    @Override
    public List<Detection> read(OrtSession.Result result, double minScore) {
        OnnxTensor tensor = DetectionReader.tensor(result, output);
        long[] s = tensor.getInfo().getShape();
        if (tensor.getInfo().type != OnnxJavaType.FLOAT || s.length != 3 || s[0] != 1 || Math.min(s[1], s[2]) < 5) {
            throw new InvalidModelOutputException("the detector's '" + output + "' is " + tensor.getInfo().type + " "
                    + Arrays.toString(s) + "; expected FLOAT [1, 4 + classes, boxes] or [1, boxes, 4 + classes]");
        }
        // The exported head is [1, 4 + C, N]: attribute a of row i is at a * N + i. Transposed: i * (4 + C) + a.
        boolean attributesFirst = s[1] <= s[2];
        int attributes = (int) Math.min(s[1], s[2]);
        int rows = (int) Math.max(s[1], s[2]);
        int rowStep = attributesFirst ? 1 : attributes;
        int attributeStep = attributesFirst ? rows : 1;
        FloatBuffer values = tensor.getFloatBuffer();
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int base = i * rowStep;
            int best = -1;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < attributes - 4; c++) {
                float score = values.get(base + (4 + c) * attributeStep);
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            if (bestScore > minScore) {
                double cx = values.get(base) / inputWidth;
                double cy = values.get(base + attributeStep) / inputHeight;
                double w = values.get(base + 2 * attributeStep) / inputWidth;
                double h = values.get(base + 3 * attributeStep) / inputHeight;
                Detection d = Detection.clamped(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, bestScore, best);
                if (d != null) {
                    found.add(d);
                }
            }
        }
        return found;
    }
}
