package org.fieldmark.domain.sighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SightingStatisticsTest {

    private static final SpeciesNames CATALOG = SpeciesNames.of(SpeciesCatalog.fromLines("test", List.of(
            "Passer domesticus (House Sparrow)", "Cardinalis cardinalis (Northern Cardinal)", "background")));

    @Test
    void countsReviewedSightingsUnderTheCorrectedSpeciesAndDropsThoseThatWereNoBird() {
        Sighting sparrow = Sightings.of("2026-05-01T07:00:00Z", "Passer domesticus", "House Sparrow");
        Sighting cardinalThatWasASparrow = Sightings.of("2026-05-01T08:00:00Z", "Cardinalis cardinalis",
                "Northern Cardinal").withReview(Review.species("passer domesticus"));
        Sighting cardinal = Sightings.of("2026-05-01T09:00:00Z", "Cardinalis cardinalis", "Northern Cardinal");
        Sighting leaf = Sightings.of("2026-05-01T10:00:00Z", "Cardinalis cardinalis", "Northern Cardinal")
                .withReview(Review.notABirdAtAll());

        List<SpeciesSummary> summary = SightingStatistics.species(List.of(leaf, cardinal, cardinalThatWasASparrow,
                sparrow), species -> true, CATALOG);

        assertThat(summary).extracting(SpeciesSummary::scientificName, SpeciesSummary::displayName,
                SpeciesSummary::count, SpeciesSummary::firstSeen, SpeciesSummary::lastSeen).containsExactly(
                tuple("passer domesticus", "House Sparrow", 2, sparrow.time(), cardinalThatWasASparrow.time()),
                tuple("Cardinalis cardinalis", "Northern Cardinal", 1, cardinal.time(), cardinal.time()));
    }

    @Test
    void namesACorrectedSpeciesFromTheCatalogOrByItsScientificName() {
        Sighting toSparrow = Sightings.of("2026-05-01T07:00:00Z", "Cardinalis cardinalis", "Northern Cardinal")
                .withReview(Review.species("Passer domesticus"));
        Sighting toUnknown = Sightings.of("2026-05-01T08:00:00Z", "Cardinalis cardinalis", "Northern Cardinal")
                .withReview(Review.species("Turdus merula"));

        assertThat(SightingStatistics.species(List.of(toSparrow, toUnknown), s -> true, CATALOG))
                .extracting(SpeciesSummary::displayName).containsExactly("House Sparrow", "Turdus merula");
        assertThat(SightingStatistics.species(List.of(toSparrow), s -> true, SpeciesNames.NONE))
                .extracting(SpeciesSummary::displayName).containsExactly("Passer domesticus");
    }

    @Test
    void marksASpeciesNewWhenItWasNeverRecordedBeforeThePeriod() {
        List<Sighting> day = List.of(Sightings.of("2026-05-01T07:00:00Z", "Passer domesticus", "House Sparrow"),
                Sightings.of("2026-05-01T08:00:00Z", "Cardinalis cardinalis", "Northern Cardinal"));
        Set<String> seenBefore = Set.of("passer domesticus");

        List<SpeciesSummary> summary = SightingStatistics.species(day,
                species -> seenBefore.contains(Sighting.key(species)), CATALOG);

        assertThat(summary).extracting(SpeciesSummary::displayName, SpeciesSummary::isNew)
                .containsExactly(tuple("House Sparrow", false), tuple("Northern Cardinal", true));
    }

    @Test
    void listsTheMostSeenFirstThenByName() {
        List<Sighting> day = List.of(Sightings.of("2026-05-01T07:00:00Z", "Zosterops japonicus", "Warbling White-eye"),
                Sightings.of("2026-05-01T07:01:00Z", "Cardinalis cardinalis", "Northern Cardinal"),
                Sightings.of("2026-05-01T07:02:00Z", "Passer domesticus", "House Sparrow"),
                Sightings.of("2026-05-01T07:03:00Z", "Passer domesticus", "House Sparrow"));

        assertThat(SightingStatistics.species(day, s -> true, CATALOG)).extracting(SpeciesSummary::displayName)
                .containsExactly("House Sparrow", "Northern Cardinal", "Warbling White-eye");
        assertThat(SightingStatistics.species(List.of(), s -> true, CATALOG)).isEmpty();
    }

    static Stream<Arguments> days() {
        return Stream.of(
                Arguments.of("an ordinary day", "Europe/Berlin", "2026-05-01", 24, 0, "2026-04-30T22:00:00Z"),
                Arguments.of("UTC", "UTC", "2026-03-29", 24, 0, "2026-03-29T00:00:00Z"),
                // The clocks go from 02:00 to 03:00: there is no hour 2.
                Arguments.of("the clocks go forward", "Europe/Berlin", "2026-03-29", 23, -1, "2026-03-28T23:00:00Z"),
                // The clocks go from 03:00 back to 02:00: hour 2 comes twice.
                Arguments.of("the clocks go back", "Europe/Berlin", "2026-10-25", 25, 2, "2026-10-24T22:00:00Z"),
                Arguments.of("the clocks go forward in New York", "America/New_York", "2026-03-08", 23, -1,
                        "2026-03-08T05:00:00Z"),
                // Lord Howe Island moves its clocks by half an hour: 24.5 hours, the last bucket half an hour.
                Arguments.of("a half-hour shift back", "Australia/Lord_Howe", "2026-04-05", 25, 1,
                        "2026-04-04T13:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("days")
    void bucketsADayByItsRealHours(String name, String zone, String date, int buckets, int repeatedHour,
                                   String firstStart) {
        HourlyCounts counts = SightingStatistics.hourly(List.of(), LocalDate.parse(date), ZoneId.of(zone));

        assertThat(counts.hours()).hasSize(buckets);
        assertThat(counts.hours().get(0).start().toInstant()).isEqualTo(Instant.parse(firstStart));
        assertThat(counts.hours().get(0).hour()).isZero();
        List<Integer> hours = counts.hours().stream().map(HourCount::hour).toList();
        if (repeatedHour >= 0 && buckets == 25) {
            assertThat(hours.stream().filter(h -> h == repeatedHour)).hasSize(2);
        }
        if (buckets == 23) {
            assertThat(hours).doesNotContain(2).contains(1, 3);
        }
        for (int i = 1; i < counts.hours().size(); i++) {
            assertThat(counts.hours().get(i).start().toInstant())
                    .isEqualTo(counts.hours().get(i - 1).start().toInstant().plusSeconds(3600));
        }
    }

    @Test
    void countsEachSightingOfTheDayInItsHourAndIgnoresOthers() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<Sighting> sightings = List.of(
                Sightings.of("2026-10-24T21:59:59Z", "Passer domesticus", "House Sparrow"), // 23:59 the day before
                Sightings.of("2026-10-24T22:00:00Z", "Passer domesticus", "House Sparrow"), // 00:00 +02:00
                Sightings.of("2026-10-25T00:30:00Z", "Passer domesticus", "House Sparrow"), // 02:30 +02:00
                Sightings.of("2026-10-25T01:30:00Z", "Passer domesticus", "House Sparrow"), // 02:30 +01:00
                Sightings.of("2026-10-25T01:45:00Z", "Passer domesticus", "House Sparrow")
                        .withReview(Review.species("Turdus merula")), // 02:45 +01:00, as a blackbird
                Sightings.of("2026-10-25T01:50:00Z", "Passer domesticus", "House Sparrow")
                        .withReview(Review.notABirdAtAll()),
                Sightings.of("2026-10-25T22:59:59Z", "Passer domesticus", "House Sparrow"), // 23:59 +01:00
                Sightings.of("2026-10-25T23:00:00Z", "Passer domesticus", "House Sparrow")); // the next day

        HourlyCounts counts = SightingStatistics.hourly(sightings, LocalDate.parse("2026-10-25"), berlin);

        assertThat(counts.total()).isEqualTo(5);
        assertThat(counts.hours()).filteredOn(h -> h.count() > 0)
                .extracting(h -> h.hour(), h -> h.start().getOffset(), HourCount::count).containsExactly(
                        tuple(0, ZoneOffset.ofHours(2), 1), tuple(2, ZoneOffset.ofHours(2), 1),
                        tuple(2, ZoneOffset.ofHours(1), 2), tuple(23, ZoneOffset.ofHours(1), 1));
    }
}
