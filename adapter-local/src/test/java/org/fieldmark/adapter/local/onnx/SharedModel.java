package org.fieldmark.adapter.local.onnx;

/** One bundled model per test JVM: loading it takes a few hundred milliseconds. */
final class SharedModel {

    private static final EmbeddedOnnxInferenceAdapter MODEL = EmbeddedOnnxInferenceAdapter.bundled(1);

    private SharedModel() {
    }

    static EmbeddedOnnxInferenceAdapter get() {
        return MODEL;
    }
}
