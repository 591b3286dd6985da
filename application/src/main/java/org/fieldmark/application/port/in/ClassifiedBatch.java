package org.fieldmark.application.port.in;

import java.util.List;
import java.util.Objects;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * The model's answer for a batch: per image, one probability per class of {@code catalog}.
 *
 * @param catalog       the catalog the vectors are in
 * @param probabilities one vector per image, in the request's order; each sums to 1 within rounding
 * @param modelId       the model that answered
 */
public record ClassifiedBatch(SpeciesCatalog catalog, List<double[]> probabilities, String modelId) {

    public ClassifiedBatch {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(modelId, "modelId");
        probabilities = List.copyOf(probabilities);
    }
}
