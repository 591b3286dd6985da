package org.fieldmark.domain.sighting;

import java.time.Instant;
import java.util.Optional;

/**
 * What the notification policy needs to know about earlier sightings. Species are matched by
 * effective scientific name (a reviewed sighting counts as the corrected species; one reviewed
 * as "not a bird" counts as nothing), ignoring case.
 */
public interface SightingHistory {

    /** The time of the latest NOTIFIED sighting of the species at or after {@code since}. */
    Optional<Instant> lastNotified(String scientificName, Instant since);

    /** Whether the species was recorded at any time before {@code before} (exclusive). */
    boolean recordedBefore(String scientificName, Instant before);

    /** Whether the species was recorded within {@code [from, toExclusive)}. */
    boolean recordedBetween(String scientificName, Instant from, Instant toExclusive);
}
