package org.fieldmark.application.port.in;

import org.fieldmark.domain.SpeciesCatalog;

/**
 * Serve the model: classify a batch of encoded images into one probability vector each, in the
 * order of the served catalog (the model's own, or a catalog whose species the model's catalog
 * holds, then picked by name and renormalised). Nothing is recorded and nobody is told: this is
 * what a model server (Open Inference Protocol, the SageMaker container contract) answers. A
 * batch fails as a whole with the first image's error, which names the image by its position.
 */
public interface ClassifyBatchUseCase {

    /** The catalog every answered vector is in, class index by class index. */
    SpeciesCatalog catalog();

    /** The most images one request may carry. */
    int maxBatch();

    /**
     * Classifies every image of the batch, in order.
     *
     * @throws org.fieldmark.application.error.FieldmarkException {@code INVALID_REQUEST} for too many
     *         images; the image errors ({@code IMAGE_EMPTY}, {@code IMAGE_TOO_LARGE},
     *         {@code UNSUPPORTED_IMAGE}); the model's ({@code INFERENCE_FAILED}, {@code INFERENCE_TIMEOUT},
     *         {@code INVALID_MODEL_OUTPUT})
     */
    ClassifiedBatch classify(ClassifyBatchCommand command);
}
