package org.fieldmark.adapter.local.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldmark.application.error.InvalidModelOutputException;

/** Turns one detector run's outputs into detections, for one {@link DetectorLayout}. */
sealed interface DetectionReader permits SsdReader, YoloReader {

    /** The outputs to ask the session for. */
    Set<String> outputs();

    /**
     * The detections scoring above {@code minScore}, in the model's order.
     *
     * @throws InvalidModelOutputException when the outputs are not laid out as declared
     */
    List<Detection> read(OrtSession.Result result, double minScore);

    /**
     * The reader for {@code layout}, checked against the outputs the model declares.
     *
     * @return the reader, or {@code null} with {@code problem} saying what does not fit
     */
    static DetectionReader of(DetectorLayout layout, Map<String, NodeInfo> outputs, DetectorInput input,
                              StringBuilder problem) {
        if (layout instanceof DetectorLayout.Ssd ssd) {
            return SsdReader.of(ssd, outputs, problem);
        }
        return YoloReader.of(outputs, input, problem);
    }

    /** The declared tensor info of an output, or {@code null}. */
    static TensorInfo declared(Map<String, NodeInfo> outputs, String name) {
        NodeInfo node = outputs.get(name);
        return node != null && node.getInfo() instanceof TensorInfo info ? info : null;
    }

    /** An output of this run as a tensor. */
    static OnnxTensor tensor(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> new InvalidModelOutputException(
                "the detector gave no output '" + name + "'"));
        if (value instanceof OnnxTensor tensor) {
            return tensor;
        }
        throw new InvalidModelOutputException("the detector's output '" + name + "' is not a tensor but "
                + value.getType());
    }

    /** A numeric tensor's values, whatever its element type, as doubles. */
    static double[] values(String name, OnnxTensor tensor) {
        TensorInfo info = tensor.getInfo();
        double[] values = new double[Math.toIntExact(info.getNumElements())];
        switch (info.type) {
            case FLOAT -> {
                FloatBuffer b = tensor.getFloatBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = b.get(i);
                }
            }
            case DOUBLE -> {
                DoubleBuffer b = tensor.getDoubleBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = b.get(i);
                }
            }
            case INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = b.get(i);
                }
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = b.get(i);
                }
            }
            default -> throw new InvalidModelOutputException("the detector's output '" + name + "' holds "
                    + info.type + "; expected numbers (FLOAT, DOUBLE, INT32 or INT64)");
        }
        return values;
    }

    /** Whether an element type can be read by {@link #values}. */
    static boolean numeric(TensorInfo info) {
        return switch (info.type) {
            case FLOAT, DOUBLE, INT32, INT64 -> true;
            default -> false;
        };
    }
}
