package org.fieldmark.domain.sighting;

import java.util.Objects;
import java.util.Set;

/**
 * What the model saw in one photo, before the notification policy decides whether it is kept and
 * told: the top class by scientific and common name, its probability, and whether it is a bird.
 *
 * @param scientificName the top class's scientific name (its display name when the catalog has none)
 * @param displayName    the top class as people read it (common name)
 * @param probability    the top probability, 0..1
 * @param bird           {@code false} when the top class is "not a bird" (e.g. {@code background})
 */
public record SightingCandidate(String scientificName, String displayName, double probability, boolean bird) {

    public SightingCandidate {
        if (scientificName == null || scientificName.isBlank()) {
            throw new IllegalArgumentException("a candidate needs the top class's scientific (or display) name");
        }
        Objects.requireNonNull(displayName, "displayName");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be within 0..1, was " + probability);
        }
        scientificName = scientificName.strip();
    }

    /** Whether the candidate is called one of {@code keys} ({@link Sighting#key}), by scientific or common name. */
    boolean isCalledAnyOf(Set<String> keys) {
        return keys.contains(Sighting.key(scientificName))
                || (!displayName.isBlank() && keys.contains(Sighting.key(displayName)));
    }
}
