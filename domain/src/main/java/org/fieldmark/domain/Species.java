package org.fieldmark.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One class of a classifier: its index in the model's output, the name people read, the
 * scientific name when the catalog has one, and whether the class is a bird at all
 * (a {@code background} class is not).
 *
 * @param index          position in the model's probability vector, from 0
 * @param name           display (common) name, never blank
 * @param scientificName scientific name, or {@code null} when the catalog has none
 * @param bird           {@code false} for a "not a bird" class such as {@code background}
 */
public record Species(int index, String name, String scientificName, boolean bird) {

    public Species {
        if (index < 0) {
            throw new IllegalArgumentException("species index must not be negative, got " + index);
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("species " + index + " has a blank name");
        }
        if (scientificName != null && scientificName.isBlank()) {
            scientificName = null;
        }
    }

    /** The scientific name when known. */
    public Optional<String> scientific() {
        return Optional.ofNullable(scientificName);
    }

    /**
     * The stable identity of the species: its scientific name when the catalog has one,
     * since display names vary between catalogs; otherwise its display name.
     */
    public String key() {
        return scientificName != null ? scientificName : name;
    }
}
