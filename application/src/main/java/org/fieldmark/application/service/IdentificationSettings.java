package org.fieldmark.application.service;

import java.util.Objects;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * How the identification service behaves, built by a bootstrap from its configuration.
 *
 * @param catalog          the classes the model answers with
 * @param rules            threshold, K and message template
 * @param maxImageBytes    images above this size are refused before the model sees them
 * @param notifyWhenNoBird whether to notify when the top class is "not a bird"
 */
public record IdentificationSettings(SpeciesCatalog catalog, IdentificationRules rules, long maxImageBytes,
                                     boolean notifyWhenNoBird) {

    /** 6 MB, the SageMaker real-time payload limit. */
    public static final long DEFAULT_MAX_IMAGE_BYTES = 6L * 1024 * 1024;

    public IdentificationSettings {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(rules, "rules");
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException("maximum image size must be at least 1 byte, got " + maxImageBytes);
        }
    }

    /** The workshop's behaviour for a catalog: threshold 0.70, top 2, 6 MB, no notice without a bird. */
    public static IdentificationSettings defaults(SpeciesCatalog catalog) {
        return new IdentificationSettings(catalog, IdentificationRules.DEFAULT, DEFAULT_MAX_IMAGE_BYTES, false);
    }
}
