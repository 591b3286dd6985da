package org.fieldmark.adapter.local.onnx;

import java.nio.ByteBuffer;
import org.fieldmark.application.port.out.ModelOutput;

/**
 * Lives in the benchmarks module but in the adapter's package, so that the embedded benchmark can
 * time the adapter's two package-private halves apart: decode+resize, then the model run. The
 * adapter's public {@code infer} is exactly these two calls on a per-thread buffer.
 */
public final class PreprocessAndRun {

    private PreprocessAndRun() {
    }

    /** Decodes and resizes {@code encoded} into {@code target} (from its position, left unchanged). */
    public static void preprocess(EmbeddedOnnxInferenceAdapter model, byte[] encoded, ByteBuffer target) {
        model.preprocess(encoded, target);
    }

    /** Runs the model on pixels already at the input size. */
    public static ModelOutput run(EmbeddedOnnxInferenceAdapter model, ByteBuffer pixels) {
        return model.run(pixels);
    }
}
