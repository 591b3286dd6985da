package org.fieldmark.domain.sighting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fieldmark.domain.sighting.DailyDigest.SpeciesCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DailyDigestTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 29);
    private static final Function<String, String> NO_NAMES = name -> null;

    private final List<Sighting> log = new ArrayList<>();

    private Sighting seen(String scientific, String common, String time) {
        Sighting sighting = new Sighting("s" + (log.size() + 1), Instant.parse(time), "birds/" + log.size() + ".jpg",
                "feeder", scientific, common, 0.9, true, false, "suppressed: test", null);
        log.add(sighting);
        return sighting;
    }

    private void review(Sighting sighting, Review review) {
        log.set(log.indexOf(sighting), sighting.withReview(review));
    }

    @Test
    void countsTheDaysSpeciesMostSeenFirstInOneMessage() {
        for (int i = 0; i < 7; i++) {
            seen("Passer domesticus", "House Sparrow", "2026-11-29T08:0" + i + ":00Z");
        }
        for (int i = 0; i < 4; i++) {
            seen("Cardinalis cardinalis", "Northern Cardinal", "2026-11-29T09:0" + i + ":00Z");
        }
        seen("Cyanocitta cristata", "Blue Jay", "2026-11-29T10:00:00Z");

        DailyDigest digest = DailyDigest.of(DAY, BERLIN, log, NO_NAMES);

        assertThat(digest.message()).isEqualTo("Fieldmark digest for 2026-11-29: 3 species, 12 sightings — "
                + "House Sparrow 7, Northern Cardinal 4, Blue Jay 1");
        assertThat(digest.sightings()).isEqualTo(12);
        assertThat(digest.species()).extracting(SpeciesCount::scientificName)
                .containsExactly("Passer domesticus", "Cardinalis cardinalis", "Cyanocitta cristata");
    }

    /** Which sightings a day in Berlin holds: its first instant is in, the next day's first is out. */
    static Stream<Arguments> dayBounds() {
        return Stream.of(
                Arguments.of("2026-11-28T22:59:59Z", false),
                Arguments.of("2026-11-28T23:00:00Z", true),
                Arguments.of("2026-11-29T22:59:59Z", true),
                Arguments.of("2026-11-29T23:00:00Z", false));
    }

    @ParameterizedTest(name = "{0} counts: {1}")
    @MethodSource("dayBounds")
    void countsTheLocalDayNotTheUtcDay(String time, boolean counted) {
        seen("Passer domesticus", "House Sparrow", time);

        assertThat(DailyDigest.of(DAY, BERLIN, log, NO_NAMES).sightings()).isEqualTo(counted ? 1 : 0);
    }

    @Test
    void countsTheTwentyFiveHoursOfAnAutumnClockChangeDay() {
        ZoneId newYork = ZoneId.of("America/New_York");
        seen("Passer domesticus", "House Sparrow", "2026-11-01T04:00:00Z");
        seen("Passer domesticus", "House Sparrow", "2026-11-02T04:59:59Z");
        seen("Passer domesticus", "House Sparrow", "2026-11-02T05:00:00Z");

        assertThat(DailyDigest.of(LocalDate.of(2026, 11, 1), newYork, log, NO_NAMES).sightings()).isEqualTo(2);
    }

    @Test
    void countsReviewedSightingsUnderTheCorrectedSpeciesAndLeavesNotABirdOut() {
        seen("Passer domesticus", "House Sparrow", "2026-11-29T08:00:00Z");
        review(seen("Passer domesticus", "House Sparrow", "2026-11-29T08:01:00Z"), Review.species("Passer montanus"));
        review(seen("Passer domesticus", "House Sparrow", "2026-11-29T08:02:00Z"), Review.notABirdAtAll());

        DailyDigest digest = DailyDigest.of(DAY, BERLIN, log,
                Map.of("Passer montanus", "Eurasian Tree Sparrow")::get);

        assertThat(digest.message()).isEqualTo("Fieldmark digest for 2026-11-29: 2 species, 2 sightings — "
                + "Eurasian Tree Sparrow 1, House Sparrow 1");
    }

    @Test
    void namesACorrectedSpeciesByItsScientificNameWhenNoCommonNameIsKnown() {
        review(seen("Passer domesticus", "House Sparrow", "2026-11-29T08:01:00Z"), Review.species("Passer montanus"));

        assertThat(DailyDigest.of(DAY, BERLIN, log, NO_NAMES).message())
                .isEqualTo("Fieldmark digest for 2026-11-29: 1 species, 1 sighting — Passer montanus 1");
    }

    @Test
    void sayOnADayWithoutBirdsThatThereWereNone() {
        seen("Passer domesticus", "House Sparrow", "2026-11-30T08:00:00Z");

        DailyDigest digest = DailyDigest.of(DAY, BERLIN, log, NO_NAMES);

        assertThat(digest.message()).isEqualTo("Fieldmark digest for 2026-11-29: no birds recorded");
        assertThat(digest.date()).isEqualTo(DAY);
        assertThat(digest.sightings()).isZero();
        assertThat(digest.species()).isEmpty();
    }

    @Test
    void ordersTiesByNameAndMatchesSpeciesIgnoringCase() {
        seen("Poecile atricapillus", "Black-capped Chickadee", "2026-11-29T08:00:00Z");
        seen("Cyanocitta cristata", "Blue Jay", "2026-11-29T08:01:00Z");
        seen("CYANOCITTA CRISTATA", "Blue Jay", "2026-11-29T08:02:00Z");
        seen("Ara macao", "Scarlet Macaw", "2026-11-29T08:03:00Z");

        assertThat(DailyDigest.of(DAY, BERLIN, log, NO_NAMES).message()).isEqualTo("Fieldmark digest for 2026-11-29: "
                + "3 species, 4 sightings — Blue Jay 2, Black-capped Chickadee 1, Scarlet Macaw 1");
    }
}
