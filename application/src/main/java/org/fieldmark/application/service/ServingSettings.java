package org.fieldmark.application.service;

import java.util.Objects;
import org.fieldmark.domain.CatalogProjection;

/**
 * How the model is served, built by a bootstrap from its configuration.
 *
 * @param projection    from the model's catalog to the served one
 * @param maxImageBytes images above this size are refused before the model sees them
 * @param maxBatch      the most images one request may carry
 */
public record ServingSettings(CatalogProjection projection, long maxImageBytes, int maxBatch) {

    public ServingSettings {
        Objects.requireNonNull(projection, "projection");
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException("maximum image size must be at least 1 byte, got " + maxImageBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maximum batch must be at least 1 image, got " + maxBatch);
        }
    }
}
