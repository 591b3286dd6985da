package org.fieldmark.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the bird log knows about one species: how often and when it was seen, at which hours, its
 * best photo and its latest sightings. Counts follow reviews: a sighting corrected to another
 * species counts there.
 *
 * @param scientificName the species, as the catalog (or the reviews) write it
 * @param displayName    the name people read
 * @param count          sightings that count as this species, ever
 * @param firstSeen      the earliest of them, {@code null} when never seen
 * @param lastSeen       the latest of them, {@code null} when never seen
 * @param hours          24 counts, by local hour of day (0..23)
 * @param best           the pinned sighting, else the most probable one whose photo is available; {@code null} for none
 * @param pinned         whether {@code best} is pinned by a person
 * @param recent         the latest sightings, newest first, at most {@link #RECENT}
 */
public record SpeciesCard(String scientificName, String displayName, long count, Instant firstSeen, Instant lastSeen,
                          List<Integer> hours, LoggedSighting best, boolean pinned, List<LoggedSighting> recent) {

    /** How many recent sightings a card lists. */
    public static final int RECENT = 12;

    public SpeciesCard {
        Objects.requireNonNull(scientificName, "scientificName");
        Objects.requireNonNull(displayName, "displayName");
        hours = List.copyOf(hours);
        if (hours.size() != 24) {
            throw new IllegalArgumentException("hours must have 24 counts, had " + hours.size());
        }
        recent = List.copyOf(recent);
    }
}
