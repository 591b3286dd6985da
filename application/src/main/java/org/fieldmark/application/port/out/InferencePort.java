package org.fieldmark.application.port.out;

/**
 * A species classifier: a SageMaker endpoint, an HTTP model server or a model in this process.
 * It returns the raw probability vector; checking it against the catalog is the domain's job.
 * Failures are {@code InferenceFailedException} (retryable when throttled or unavailable, after
 * the adapter's own bounded retries), {@code InferenceTimeoutException},
 * {@code UnsupportedImageException} when the model cannot decode the image, or
 * {@code InvalidModelOutputException} when the answer cannot be read. Implementations are safe
 * to call from several threads. Every adapter passes the shared {@code InferencePortContract}.
 */
public interface InferencePort {

    /**
     * Runs the model on one image.
     *
     * @throws org.fieldmark.application.error.FieldmarkException as described on the interface
     */
    ModelOutput infer(ImageBytes image);
}
