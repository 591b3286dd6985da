package org.fieldmark.application.port.out;

import java.util.Objects;

/**
 * What a model answered for one image: one probability per class of the catalog, not yet
 * checked (the domain checks length and range), and which model answered.
 *
 * @param probabilities one value per class index
 * @param modelId       the model's name or endpoint, for logs and APIs
 */
public record ModelOutput(double[] probabilities, String modelId) {

    public ModelOutput {
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(modelId, "modelId");
    }
}
