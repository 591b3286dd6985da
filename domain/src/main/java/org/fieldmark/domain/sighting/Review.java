package org.fieldmark.domain.sighting;

import java.util.Objects;

/**
 * A person's correction of a sighting: either the species it really was (by scientific name)
 * or "not a bird". Reviewed sightings count under the corrected species everywhere.
 *
 * @param scientificName the corrected species, {@code null} when {@code notABird}
 * @param notABird       the photo showed no bird at all
 */
public record Review(String scientificName, boolean notABird) {

    public Review {
        if (notABird) {
            if (scientificName != null) {
                throw new IllegalArgumentException("a review is either a species or 'not a bird', not both");
            }
        } else {
            if (scientificName == null || scientificName.isBlank()) {
                throw new IllegalArgumentException("a review needs the corrected species' scientific name"
                        + " (e.g. 'Passer domesticus') or 'not a bird'");
            }
            scientificName = scientificName.strip();
        }
    }

    /** The photo showed {@code scientificName}. */
    public static Review species(String scientificName) {
        return new Review(scientificName, false);
    }

    /** The photo showed no bird. */
    public static Review notABirdAtAll() {
        return new Review(null, true);
    }
}
