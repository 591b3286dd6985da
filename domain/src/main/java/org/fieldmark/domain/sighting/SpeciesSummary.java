package org.fieldmark.domain.sighting;

import java.time.Instant;
import java.util.Objects;

/**
 * One species over a period: how many sightings counted as it, when it was first and last seen
 * within the period, and whether the period holds its first sighting ever.
 *
 * @param scientificName the effective (reviewed) scientific name
 * @param displayName    what people read: the catalog's common name, else the scientific name
 * @param count          sightings that count as this species within the period, at least 1
 * @param firstSeen      the earliest of them
 * @param lastSeen       the latest of them
 * @param isNew          never recorded before the period began
 */
public record SpeciesSummary(String scientificName, String displayName, int count, Instant firstSeen,
                             Instant lastSeen, boolean isNew) {

    public SpeciesSummary {
        Objects.requireNonNull(scientificName, "scientificName");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (count < 1) {
            throw new IllegalArgumentException("a species summary counts at least one sighting, got " + count);
        }
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("last seen " + lastSeen + " is before first seen " + firstSeen);
        }
    }
}
