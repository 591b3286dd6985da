package org.fieldmark.adapter.http.out.inference;

/** The wire protocol an HTTP model server speaks. */
public enum ModelServerProtocol {
    /**
     * The SageMaker inference-container contract: {@code POST {base}/invocations} with the image
     * bytes and their content type, a JSON probability array back; {@code GET {base}/ping}.
     */
    SAGEMAKER,
    /**
     * KServe Open Inference Protocol v2: {@code POST {base}/v2/models/{name}/infer} with a JSON
     * tensor request; {@code GET {base}/v2/models/{name}/ready}.
     */
    KSERVE_V2
}
