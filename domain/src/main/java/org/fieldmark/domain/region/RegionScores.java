package org.fieldmark.domain.region;

import java.util.Objects;

/**
 * One candidate region and what the classifier answered for it.
 *
 * @param region        the box in the photo
 * @param probabilities one probability per class of the catalog, as the model answered (not copied)
 */
public record RegionScores(Region region, double[] probabilities) {

    public RegionScores {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(probabilities, "probabilities");
    }
}
