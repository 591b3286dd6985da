package org.fieldmark.application.service;

import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.in.LoggedSighting;
import org.fieldmark.application.port.in.ReviewSightingCommand;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.HourCount;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SpeciesNames;
import org.fieldmark.domain.sighting.SpeciesSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SightingsServiceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final SpeciesCatalog CATALOG = SpeciesCatalog.fromLines("test", List.of(
            "Passer domesticus (House Sparrow)", "Cardinalis cardinalis (Northern Cardinal)",
            "Turdus merula (Eurasian Blackbird)", "background"));
    private static final Instant DAY_START = Instant.parse("2026-04-30T22:00:00Z"); // 1 May, 00:00 in Berlin
    private static final Instant DAY_END = Instant.parse("2026-05-01T22:00:00Z");

    private final InMemorySightingRepository log = new InMemorySightingRepository();
    private final InMemoryOutbox outbox = new InMemoryOutbox(log);
    private final SightingsService service = new SightingsService(log, outbox, SpeciesNames.of(CATALOG),
            Clock.fixed(Instant.parse("2026-05-01T18:00:00Z"), BERLIN));

    @BeforeEach
    void record() {
        save("a1", "2026-04-20T06:00:00Z", "Passer domesticus", "House Sparrow", true);
        save("b1", "2026-05-01T05:10:00Z", "Passer domesticus", "House Sparrow", true);
        save("b2", "2026-05-01T05:20:00Z", "Cardinalis cardinalis", "Northern Cardinal", true);
        save("b3", "2026-05-01T06:40:00Z", "Cardinalis cardinalis", "Northern Cardinal", true);
        save("b4", "2026-05-01T16:00:00Z", "Passer domesticus", "House Sparrow", false);
    }

    private void save(String id, String time, String scientific, String display, boolean confident) {
        log.save(new Sighting(id, Instant.parse(time), "birds/" + id + ".jpg", "feeder", scientific, display,
                confident ? 0.9 : 0.4, confident, false, "recorded", null));
    }

    @Test
    void aReviewShowsInTheStatisticsAndTheEbirdExport() {
        // Acceptance: after a review the CSV and the stats show the corrected species.
        service.review(ReviewSightingCommand.species("b3", "Turdus merula"));
        service.review(ReviewSightingCommand.notABird("b2"));

        assertThat(service.species(DAY_START, DAY_END)).extracting(SpeciesSummary::displayName,
                SpeciesSummary::count, SpeciesSummary::isNew).containsExactly(
                tuple("House Sparrow", 2, false), tuple("Eurasian Blackbird", 1, true));
        assertThat(service.hourly(LocalDate.parse("2026-05-01")).hours()).filteredOn(h -> h.count() > 0)
                .extracting(HourCount::hour, HourCount::count).containsExactly(tuple(7, 1), tuple(8, 1), tuple(18, 1));
        String csv = service.ebirdCsv(DAY_START, DAY_END);
        assertThat(csv.lines()).extracting(line -> line.substring(0, line.indexOf(",1,"))).containsExactly(
                "Eurasian Blackbird,Turdus,merula", "House Sparrow,Passer,domesticus");
        assertThat(csv).doesNotContain("Northern Cardinal");
    }

    @Test
    void aSpeciesIsNewOnlyOnItsFirstDay() {
        assertThat(service.species(DAY_START, DAY_END)).extracting(SpeciesSummary::scientificName,
                SpeciesSummary::isNew).containsExactly(tuple("Passer domesticus", false),
                tuple("Cardinalis cardinalis", true));
        assertThat(service.species(Instant.parse("2026-04-01T00:00:00Z"), DAY_END))
                .allSatisfy(summary -> assertThat(summary.isNew()).isTrue());
    }

    static Stream<Arguments> labels() {
        return Stream.of(
                Arguments.of("a scientific name", "Turdus merula", "Turdus merula"),
                Arguments.of("a scientific name with a lower-case genus", "  turdus   merula ", "Turdus merula"),
                Arguments.of("a subspecies", "Junco hyemalis oreganus", "Junco hyemalis oreganus"),
                Arguments.of("a common name of the catalog", "eurasian blackbird", "Turdus merula"),
                Arguments.of("a species outside the catalog", "Sitta europaea", "Sitta europaea"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void aReviewTakesTheSpeciesAs(String name, String label, String stored) {
        Sighting reviewed = service.review(ReviewSightingCommand.species("b2", label)).sighting();

        assertThat(reviewed.review()).isEqualTo(Review.species(stored));
        assertThat(log.find("b2")).contains(reviewed);
        assertThat(service.sightings(new SightingQuery(null, null, stored, 10, null)).sightings())
                .extracting(listed -> listed.sighting().id()).containsExactly("b2");
    }

    static Stream<Arguments> badReviews() {
        return Stream.of(
                Arguments.of("an unknown id", (Supplier<ReviewSightingCommand>) () -> ReviewSightingCommand.species("nope", "Turdus merula"),
                        ErrorCode.SIGHTING_NOT_FOUND, "no sighting has the id 'nope'; take ids from GET /v1/sightings"),
                Arguments.of("a blank id", (Supplier<ReviewSightingCommand>) () -> ReviewSightingCommand.species(" ", "Turdus merula"),
                        ErrorCode.INVALID_REQUEST, "the sighting id must not be blank"),
                Arguments.of("no label", (Supplier<ReviewSightingCommand>) () -> new ReviewSightingCommand("b1", null, false),
                        ErrorCode.INVALID_REQUEST, "send {\"label\": \"Passer domesticus\"} with the species"),
                Arguments.of("a label and not a bird", (Supplier<ReviewSightingCommand>) () -> new ReviewSightingCommand("b1", "Turdus merula",
                        true), ErrorCode.INVALID_REQUEST, "send either {\"label\": \"...\"} or {\"notABird\": true}"),
                Arguments.of("a blank label", (Supplier<ReviewSightingCommand>) () -> ReviewSightingCommand.species("b1", "  "),
                        ErrorCode.INVALID_REQUEST, "\"label\" must not be blank"),
                Arguments.of("a label too long", (Supplier<ReviewSightingCommand>) () -> ReviewSightingCommand.species("b1", "Turdus "
                        + "m".repeat(100)), ErrorCode.INVALID_REQUEST, "above the limit of 100"),
                Arguments.of("an unknown common name", (Supplier<ReviewSightingCommand>) () -> ReviewSightingCommand.species("b1", "Big Bird"),
                        ErrorCode.INVALID_REQUEST, "label 'Big Bird' is neither a species of the catalog nor a "
                                + "scientific name like 'Passer domesticus'"),
                Arguments.of("the catalog's non-bird class", (Supplier<ReviewSightingCommand>) () -> ReviewSightingCommand.species("b1",
                        "background"), ErrorCode.INVALID_REQUEST, "label 'background' is neither"),
                Arguments.of("a common name written like a title", (Supplier<ReviewSightingCommand>) () ->
                        ReviewSightingCommand.species("b1", "Garden Bird"), ErrorCode.INVALID_REQUEST,
                        "label 'Garden Bird' is neither"),
                Arguments.of("a genus alone", (Supplier<ReviewSightingCommand>) () -> ReviewSightingCommand.species("b1", "Turdus"),
                        ErrorCode.INVALID_REQUEST, "label 'Turdus' is neither"),
                Arguments.of("markup", (Supplier<ReviewSightingCommand>) () -> ReviewSightingCommand.species("b1", "<b>Turdus merula</b>"),
                        ErrorCode.INVALID_REQUEST, "is neither"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReviews")
    void refusesAReviewOf(String name, Supplier<ReviewSightingCommand> build, ErrorCode code, String message) {
        // The command is built inside the call, so its own checks are part of what is tested.
        assertThatThrownBy(() -> service.review(build.get())).isInstanceOfSatisfying(FieldmarkException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(message);
                });
        assertThat(log.find("b1").orElseThrow().review()).isNull();
    }

    @Test
    void refusesEmptyAndReversedRanges() {
        assertThatThrownBy(() -> service.species(DAY_END, DAY_START)).isInstanceOfSatisfying(FieldmarkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST)).hasMessageContaining("must be before");
        assertThatThrownBy(() -> service.ebirdCsv(DAY_START, DAY_START)).hasMessageContaining("must be before");
    }

    @Test
    void readsDaysInTheClocksZone() {
        assertThat(service.zone()).isEqualTo(BERLIN);
        assertThat(service.today()).isEqualTo(LocalDate.parse("2026-05-01"));
        assertThat(service.hourly(LocalDate.parse("2026-05-01")).total()).isEqualTo(4);
        assertThat(service.hourly(LocalDate.parse("2026-04-20")).total()).isEqualTo(1);
    }

    @Test
    void listsEachSightingWithItsDeliveriesAndOneWithoutAnyWithAnEmptyList() {
        Instant time = Instant.parse("2026-05-01T17:00:00Z");
        Sighting told = new Sighting("c1", time, "birds/c1.jpg", "feeder", "Turdus merula", "Eurasian Blackbird", 0.9,
                true, true, "notified: Turdus merula (0.90)", null);
        Delivery mqtt = Delivery.pending("mqtt", time).failedAttempt("broker unreachable", time.plusSeconds(30));
        outbox.record(new OutboxEntry("e1", ImageReference.of("birds/c1.jpg"), "v1", time, told, "{}",
                List.of(Delivery.pending("log", time).delivered(), mqtt)));

        List<LoggedSighting> listed = service.sightings(SightingQuery.latest(2)).sightings();

        assertThat(listed).extracting(l -> l.sighting().id()).containsExactly("c1", "b4");
        assertThat(listed.get(0).deliveries()).extracting(Delivery::channel, Delivery::state, Delivery::attempts,
                Delivery::lastError).containsExactly(tuple("log", Delivery.State.DELIVERED, 1, null),
                tuple("mqtt", Delivery.State.PENDING, 1, "broker unreachable"));
        assertThat(listed.get(1).deliveries()).as("recorded before the outbox").isEmpty();
        assertThat(service.sighting("c1").deliveries()).isEqualTo(listed.get(0).deliveries());
        assertThat(service.sighting("b4").deliveries()).isEmpty();
        assertThat(service.review(ReviewSightingCommand.species("c1", "Passer domesticus")).deliveries())
                .hasSize(2);
        assertThatThrownBy(() -> service.sighting("nope")).isInstanceOfSatisfying(FieldmarkException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGHTING_NOT_FOUND));
    }
}
