package org.fieldmark.domain.sighting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A bird log in a list, answering the policy's questions the way the repositories must. */
final class ListHistory implements SightingHistory {

    private final List<Sighting> sightings = new ArrayList<>();
    private int ids;

    ListHistory add(Sighting sighting) {
        sightings.add(sighting);
        return this;
    }

    /** A recorded sighting of {@code species} at {@code time}, notified or not. */
    ListHistory add(String species, String time, boolean notified) {
        return add(sighting(species, Instant.parse(time), notified));
    }

    Sighting sighting(String species, Instant time, boolean notified) {
        return new Sighting("s" + (++ids), time, "birds/" + ids + ".jpg", "feeder", species, species, 0.9, true,
                notified, notified ? "notified: test" : "suppressed: test", null);
    }

    @Override
    public Optional<Instant> lastNotified(String scientificName, Instant since) {
        return sightings.stream().filter(s -> s.notified() && s.isSpecies(scientificName) && !s.time().isBefore(since))
                .map(Sighting::time).max(Comparator.naturalOrder());
    }

    @Override
    public boolean recordedBefore(String scientificName, Instant before) {
        return sightings.stream().anyMatch(s -> s.isSpecies(scientificName) && s.time().isBefore(before));
    }

    @Override
    public boolean recordedBetween(String scientificName, Instant from, Instant toExclusive) {
        return sightings.stream().anyMatch(s -> s.isSpecies(scientificName) && !s.time().isBefore(from)
                && s.time().isBefore(toExclusive));
    }
}
