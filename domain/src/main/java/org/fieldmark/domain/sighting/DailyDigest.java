package org.fieldmark.domain.sighting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One day's bird log in one message: the species seen on a local day and how often, e.g.
 * {@code Fieldmark digest for 2026-11-29: 3 species, 12 sightings — House Sparrow 7, Northern
 * Cardinal 4, Blue Jay 1}. Reviewed sightings count under the corrected species; those reviewed
 * as "not a bird" do not count.
 *
 * @param date      the local day
 * @param zone      the time zone the day is counted in
 * @param species   species with their counts, most sightings first (ties by name)
 * @param sightings the day's sightings that count
 */
public record DailyDigest(LocalDate date, ZoneId zone, List<SpeciesCount> species, int sightings) {

    /**
     * One species' line of a digest.
     *
     * @param scientificName the species' key
     * @param name           its common name (the scientific name when none is known)
     * @param count          sightings of it that day
     */
    public record SpeciesCount(String scientificName, String name, int count) {

        public SpeciesCount {
            Objects.requireNonNull(scientificName, "scientificName");
            Objects.requireNonNull(name, "name");
            if (count < 1) {
                throw new IllegalArgumentException("a species in a digest has at least one sighting, got " + count);
            }
        }
    }

    public DailyDigest {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        species = List.copyOf(species);
        if (sightings != species.stream().mapToInt(SpeciesCount::count).sum()) {
            throw new IllegalArgumentException("a digest's sightings must add up to its species' counts");
        }
    }

    /**
     * The digest of {@code date} in {@code zone} from {@code log}, which may hold sightings of other
     * days too (they are left out).
     *
     * @param commonNames the common name of a scientific name, or {@code null} when unknown; used for
     *                    reviewed species, which carry only their scientific name. Unreviewed
     *                    sightings name their species themselves.
     */
    public static DailyDigest of(LocalDate date, ZoneId zone, Collection<Sighting> log,
                                 Function<String, String> commonNames) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(commonNames, "commonNames");
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> scientific = new LinkedHashMap<>();
        Map<String, String> seenNames = new LinkedHashMap<>();
        for (Sighting sighting : log) {
            if (!sighting.countsAsBird() || sighting.time().isBefore(from) || !sighting.time().isBefore(to)) {
                continue;
            }
            String key = sighting.speciesKey();
            counts.merge(key, 1, Integer::sum);
            scientific.putIfAbsent(key, sighting.effectiveScientificName());
            if (sighting.review() == null && !sighting.displayName().isBlank()) {
                seenNames.putIfAbsent(key, sighting.displayName());
            }
        }
        List<SpeciesCount> species = new ArrayList<>();
        counts.forEach((key, count) -> {
            String name = scientific.get(key);
            String common = commonNames.apply(name);
            if (common == null || common.isBlank()) {
                common = seenNames.getOrDefault(key, name);
            }
            species.add(new SpeciesCount(name, common, count));
        });
        species.sort(Comparator.comparingInt(SpeciesCount::count).reversed()
                .thenComparing(c -> c.name().toLowerCase(Locale.ROOT))
                .thenComparing(SpeciesCount::scientificName));
        return new DailyDigest(date, zone, species, counts.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** The message people get. */
    public String message() {
        StringBuilder text = new StringBuilder("Fieldmark digest for ").append(date).append(": ");
        if (species.isEmpty()) {
            return text.append("no birds recorded").toString();
        }
        text.append(plural(species.size(), "species", "species")).append(", ")
                .append(plural(sightings, "sighting", "sightings")).append(" — ");
        for (int i = 0; i < species.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(species.get(i).name()).append(' ').append(species.get(i).count());
        }
        return text.toString();
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
