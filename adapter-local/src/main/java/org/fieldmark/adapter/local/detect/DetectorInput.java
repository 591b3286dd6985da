package org.fieldmark.adapter.local.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.fieldmark.adapter.local.onnx.AreaResize;
import org.fieldmark.adapter.local.onnx.RgbImage;

/**
 * The detector's image input, read from the model: UINT8 NHWC [1, H, W, 3] (raw RGB bytes, as
 * TF Object Detection API exports take them) or FLOAT NCHW [1, 3, H, W] with values 0..1 (as
 * YOLOv8 exports take them). The photo is squashed to H x W with the area-averaging resize the
 * classifier uses; the aspect ratio is not kept (no letterbox), so normalised box coordinates
 * are the photo's.
 */
final class DetectorInput {

    private final String name;
    private final boolean floatNchw;
    private final int width;
    private final int height;
    private final long[] shape;
    private final ThreadLocal<ByteBuffer> resized;
    private final ThreadLocal<FloatBuffer> floats;

    private DetectorInput(String name, boolean floatNchw, int width, int height) {
        this.name = name;
        this.floatNchw = floatNchw;
        this.width = width;
        this.height = height;
        this.shape = floatNchw ? new long[] {1, 3, height, width} : new long[] {1, height, width, 3};
        int values = width * height * 3;
        this.resized = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(values).order(ByteOrder.nativeOrder()));
        this.floats = ThreadLocal.withInitial(
                () -> ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer());
    }

    /**
     * The input the model declares.
     *
     * @return the input, or {@code null} with {@code problem} describing why it is not one of the two kinds
     */
    static DetectorInput of(NodeInfo input, StringBuilder problem) {
        if (!(input.getInfo() instanceof TensorInfo info)) {
            problem.append("input '").append(input.getName()).append("' is not a tensor");
            return null;
        }
        long[] s = info.getShape();
        if (info.type == OnnxJavaType.UINT8 && s.length == 4 && s[3] == 3 && s[1] > 0 && s[2] > 0) {
            return new DetectorInput(input.getName(), false, (int) s[2], (int) s[1]);
        }
        if (info.type == OnnxJavaType.FLOAT && s.length == 4 && s[1] == 3 && s[2] > 0 && s[3] > 0) {
            return new DetectorInput(input.getName(), true, (int) s[3], (int) s[2]);
        }
        problem.append("input '").append(input.getName()).append("' is ").append(info.type).append(' ')
                .append(Arrays.toString(s)).append("; expected UINT8 NHWC [1, height, width, 3] or FLOAT NCHW")
                .append(" [1, 3, height, width] with a fixed height and width");
        return null;
    }

    String name() {
        return name;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The photo resized to the input, as a tensor the caller closes. */
    OnnxTensor tensor(OrtEnvironment environment, RgbImage photo) throws OrtException {
        ByteBuffer pixels = resized.get();
        pixels.clear();
        AreaResize.resize(photo, width, height, pixels);
        if (!floatNchw) {
            return OnnxTensor.createTensor(environment, pixels, shape, OnnxJavaType.UINT8);
        }
        FloatBuffer planes = floats.get();
        planes.clear();
        int area = width * height;
        for (int p = 0; p < area; p++) {
            int at = p * 3;
            planes.put(p, (pixels.get(at) & 0xFF) / 255f);
            planes.put(area + p, (pixels.get(at + 1) & 0xFF) / 255f);
            planes.put(2 * area + p, (pixels.get(at + 2) & 0xFF) / 255f);
        }
        return OnnxTensor.createTensor(environment, planes, shape);
    }

    @Override
    public String toString() {
        return (floatNchw ? "FLOAT " : "UINT8 ") + Arrays.toString(shape);
    }
}
