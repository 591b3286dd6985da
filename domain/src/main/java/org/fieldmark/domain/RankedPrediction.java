package org.fieldmark.domain;

import java.util.Objects;

/**
 * One of the top-K classes of an identification.
 *
 * @param rank           1 for the most probable class
 * @param classIndex     index in the model's output and the catalog
 * @param name           display name
 * @param scientificName scientific name, or {@code null} when the catalog has none
 * @param bird           {@code false} for a "not a bird" class
 * @param probability    the model's probability for this class
 */
public record RankedPrediction(int rank, int classIndex, String name, String scientificName, boolean bird,
                               double probability) {

    public RankedPrediction {
        Objects.requireNonNull(name, "name");
        if (rank < 1) {
            throw new IllegalArgumentException("rank starts at 1, got " + rank);
        }
    }

    static RankedPrediction of(int rank, Species species, double probability) {
        return new RankedPrediction(rank, species.index(), species.name(), species.scientificName(), species.bird(),
                probability);
    }
}
