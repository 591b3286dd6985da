package org.fieldmark.domain.sighting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Counts over a list of sightings. A reviewed sighting counts under the corrected species; one
 * reviewed as "not a bird" counts nowhere. Species are keyed by scientific name, ignoring case.
 */
public final class SightingStatistics {

    private SightingStatistics() {
    }

    /**
     * One summary per species among {@code sightings}, most seen first (ties by display name).
     *
     * @param sightings  the period's sightings, in any order
     * @param seenBefore whether a species (scientific name) was recorded before the period began;
     *                   species for which it answers {@code false} are {@link SpeciesSummary#isNew() new}
     * @param names      common names for species a review changed to
     */
    public static List<SpeciesSummary> species(List<Sighting> sightings, Predicate<String> seenBefore,
                                               SpeciesNames names) {
        Objects.requireNonNull(seenBefore, "seenBefore");
        Objects.requireNonNull(names, "names");
        Map<String, List<Sighting>> bySpecies = new LinkedHashMap<>();
        sightings.stream().filter(Sighting::countsAsBird)
                .sorted(Comparator.comparing(Sighting::time).thenComparing(Sighting::id))
                .forEach(s -> bySpecies.computeIfAbsent(s.speciesKey(), k -> new ArrayList<>()).add(s));
        List<SpeciesSummary> summaries = new ArrayList<>();
        for (List<Sighting> group : bySpecies.values()) {
            Sighting first = group.get(0);
            Sighting last = group.get(group.size() - 1);
            // The latest sighting names the species: a review made since spells it the way people corrected it.
            String scientific = last.effectiveScientificName();
            summaries.add(new SpeciesSummary(scientific, names.displayName(last), group.size(), first.time(),
                    last.time(), !seenBefore.test(scientific)));
        }
        summaries.sort(Comparator.comparingInt(SpeciesSummary::count).reversed()
                .thenComparing(SpeciesSummary::displayName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(SpeciesSummary::scientificName));
        return List.copyOf(summaries);
    }

    /**
     * Sightings per real hour of {@code date} in {@code zone}: 24 buckets on most days, 23 when the
     * clocks go forward, 25 when they go back. In the rare zones whose shifts are not whole hours the
     * last bucket is shorter than an hour. Sightings outside the day are ignored.
     */
    public static HourlyCounts hourly(List<Sighting> sightings, LocalDate date, ZoneId zone) {
        Instant start = date.atStartOfDay(zone).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> starts = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofHours(1))) {
            starts.add(t);
        }
        int[] counts = new int[starts.size()];
        for (Sighting s : sightings) {
            if (s.countsAsBird() && !s.time().isBefore(start) && s.time().isBefore(end)) {
                counts[(int) (Duration.between(start, s.time()).toHours())]++;
            }
        }
        List<HourCount> hours = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            var local = starts.get(i).atZone(zone);
            hours.add(new HourCount(local.getHour(), local.toOffsetDateTime(), counts[i]));
        }
        return new HourlyCounts(date, zone, hours);
    }
}
