package org.fieldmark.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.out.SightingPage;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link SightingRepository} must do: memory, SQLite, S3. Adapters extend this with
 * their real store and inherit every test. {@link #emptyRepository()} is called once per test;
 * {@link #reopen(SightingRepository)} lets a durable store prove it keeps what it was given.
 */
public abstract class SightingRepositoryContract {

    protected static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");
    private static final String SPARROW = "Passer domesticus";
    private static final String ROBIN = "Erithacus rubecula";
    private static final String WREN = "Troglodytes troglodytes";

    protected SightingRepository repository;

    /** A new, empty store. */
    protected abstract SightingRepository emptyRepository();

    /** The same store opened again (a durable store must still hold everything); memory returns it as is. */
    protected SightingRepository reopen(SightingRepository current) {
        return current;
    }

    @BeforeEach
    void openAnEmptyStore() {
        repository = emptyRepository();
    }

    /** A plain sighting of {@code species} at {@code time}. */
    protected static Sighting sighting(String id, Instant time, String species, boolean notified) {
        return new Sighting(id, time, "birds/" + id + ".jpg", "feeder", species, "Bird " + species, 0.9, true,
                notified, notified ? "notify: every" : "suppressed: cooldown", null);
    }

    private void saveAll(Sighting... sightings) {
        for (Sighting s : sightings) {
            repository.save(s);
        }
    }

    // ---------------------------------------------------------------- save / find

    static Stream<Arguments> unusualSightings() {
        Instant t = Instant.parse("2026-11-29T23:59:59.123456789Z");
        return Stream.of(
                Arguments.of("plain", new Sighting("s-1", NOON, "birds/card.jpg", "feeder", "Cardinalis cardinalis",
                        "Northern Cardinal", 0.94, true, true, "notify: every", null)),
                Arguments.of("unicode names and keys", new Sighting("s-ü-鳥", t, "birds/Zürich é 鳥 \"q\".jpg",
                        "Gärten-Kamera 庭", "Turdus merula", "Amsel — Merle noir 黑鸫", 0.5, false, false,
                        "suppressed: \"quoted\"\nnew line\ttab \\ backslash", null)),
                Arguments.of("probability zero", new Sighting("s-0", t, "", "feeder", "Pica pica", "", 0.0, false, false,
                        "", null)),
                Arguments.of("probability one", new Sighting("s-1.0", t, "k", "feeder", "Pica pica", "Magpie", 1.0, true,
                        true, "notify: new-species", null)),
                Arguments.of("probability smallest double", new Sighting("s-min", t, "k", "feeder", "Pica pica", "Magpie",
                        Double.MIN_VALUE, false, false, "below record threshold", null)),
                Arguments.of("probability not exactly decimal", new Sighting("s-third", t, "k", "feeder", "Pica pica",
                        "Magpie", 1.0 / 3.0, false, false, "r", null)),
                Arguments.of("reviewed as another species", new Sighting("s-rev", t, "k", "feeder", SPARROW,
                        "House Sparrow", 0.7, false, true, "r", Review.species("Passer montanus"))),
                Arguments.of("reviewed as not a bird", new Sighting("s-nab", t, "k", "feeder", SPARROW, "House Sparrow",
                        0.7, false, true, "r", Review.notABirdAtAll())),
                Arguments.of("far in the past", sighting("s-old", Instant.parse("1999-01-01T00:00:00Z"), WREN, false)),
                Arguments.of("far in the future", sighting("s-new", Instant.parse("2199-12-31T23:59:59.999999999Z"),
                        WREN, true)),
                Arguments.of("a located bird", located("s-box", t, new Region(512, 288, 256, 170, 1280, 720))),
                Arguments.of("a region that is the whole frame", located("s-whole", t, Region.wholeFrame(4000, 3000))),
                Arguments.of("a one-pixel region in a corner", located("s-px", t, new Region(1279, 719, 1, 1, 1280, 720))),
                Arguments.of("a located bird, reviewed", located("s-box-rev", t, new Region(0, 0, 10, 20, 30, 40))
                        .withReview(Review.species(ROBIN))));
    }

    /** A sighting of a bird located at {@code region}. */
    protected static Sighting located(String id, Instant time, Region region) {
        return new Sighting(id, time, "birds/" + id + ".jpg", "feeder", SPARROW, "House Sparrow", 0.8, true, true,
                "notify: every", null, region);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusualSightings")
    void findsEveryFieldOfASavedSightingExactly(String name, Sighting sighting) {
        repository.save(sighting);

        assertThat(repository.find(sighting.id())).contains(sighting);
        assertThat(reopen(repository).find(sighting.id())).contains(sighting);
    }

    @Test
    void keepsTheRegionOfALocatedBirdAndNoneForASightingWithout() {
        Region box = new Region(512, 288, 256, 170, 1280, 720);
        saveAll(located("boxed", NOON, box), sighting("plain", NOON.plusSeconds(1), SPARROW, true));

        assertThat(reopen(repository).find("boxed")).get().extracting(Sighting::region).isEqualTo(box);
        assertThat(reopen(repository).find("plain")).get().extracting(Sighting::region).isNull();
        assertThat(repository.page(SightingQuery.latest(10)).sightings()).extracting(Sighting::region)
                .containsExactly(null, box);
        assertThat(repository.between(NOON, NOON.plusSeconds(2))).extracting(Sighting::region)
                .containsExactly(box, null);
        assertThat(repository.review("boxed", Review.species(ROBIN))).get().extracting(Sighting::region)
                .as("a review keeps the region").isEqualTo(box);
        assertThat(reopen(repository).find("boxed")).get().extracting(Sighting::region).isEqualTo(box);
    }

    // ---------------------------------------------------------------- thumbnails

    private static byte[] everyByte() {
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        return bytes;
    }

    @Test
    void keepsAThumbnailBesideItsSightingByteForByte() {
        repository.save(located("t", NOON, new Region(1, 2, 3, 4, 50, 60)));
        byte[] jpeg = everyByte();

        repository.saveThumbnail("t", jpeg);

        assertThat(repository.hasThumbnail("t")).isTrue();
        assertThat(repository.thumbnail("t")).get().isEqualTo(everyByte());
        assertThat(reopen(repository).thumbnail("t")).get().isEqualTo(everyByte());
        assertThat(reopen(repository).hasThumbnail("t")).isTrue();
    }

    @Test
    void aSightingWithoutAThumbnailHasNone() {
        repository.save(sighting("none", NOON, SPARROW, true));

        assertThat(repository.thumbnail("none")).isEmpty();
        assertThat(repository.hasThumbnail("none")).isFalse();
        assertThat(repository.thumbnail("unknown")).isEmpty();
        assertThat(repository.hasThumbnail("unknown")).isFalse();
    }

    @Test
    void savingAThumbnailAgainReplacesItAndAReviewKeepsIt() {
        repository.save(located("again", NOON, new Region(1, 2, 3, 4, 50, 60)));
        repository.saveThumbnail("again", new byte[] {1, 2, 3});

        repository.saveThumbnail("again", new byte[] {4, 5});
        repository.review("again", Review.species(WREN));

        assertThat(reopen(repository).thumbnail("again")).get().isEqualTo(new byte[] {4, 5});
    }

    @Test
    void refusesAThumbnailForAnUnknownSighting() {
        repository.save(sighting("known", NOON, SPARROW, true));

        assertThatThrownBy(() -> repository.saveThumbnail("unknown", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown");
        assertThat(repository.thumbnail("unknown")).isEmpty();
        assertThat(repository.hasThumbnail("known")).isFalse();
    }

    // ---------------------------------------------------------------- replace (a Frigate event's better guess)

    @Test
    void replacesASightingInPlaceAndEveryQuerySeesTheNewSpecies() {
        saveAll(sighting("guess", NOON, SPARROW, true), sighting("other", NOON.plusSeconds(1), WREN, false));
        Region box = new Region(0, 0, 10, 10, 20, 20);
        Sighting better = new Sighting("guess", NOON, "birds/guess.jpg", "feeder", ROBIN, "European Robin", 0.97, true,
                true, "notify: every", null, box);

        repository.replace(better);

        assertThat(reopen(repository).find("guess")).contains(better);
        assertThat(repository.between(NOON, NOON.plusSeconds(2))).extracting(Sighting::id)
                .containsExactly("guess", "other");
        assertThat(repository.page(new SightingQuery(null, null, ROBIN, 10, null)).sightings())
                .extracting(Sighting::id).containsExactly("guess");
        assertThat(repository.page(new SightingQuery(null, null, SPARROW, 10, null)).sightings()).isEmpty();
        assertThat(repository.find("other")).contains(sighting("other", NOON.plusSeconds(1), WREN, false));
    }

    @Test
    void replacingKeepsTheThumbnailAndAReviewPassedOn() {
        repository.save(located("kept", NOON, new Region(1, 2, 3, 4, 50, 60)));
        repository.saveThumbnail("kept", new byte[] {7, 8});
        Sighting reviewed = repository.review("kept", Review.species(WREN)).orElseThrow();
        Sighting better = new Sighting("kept", NOON, reviewed.sourceKey(), "feeder", ROBIN, "European Robin", 0.95,
                true, true, "notify: every", reviewed.review(), reviewed.region());

        repository.replace(better);

        assertThat(reopen(repository).find("kept")).contains(better);
        assertThat(reopen(repository).find("kept").orElseThrow().effectiveScientificName()).isEqualTo(WREN);
        assertThat(reopen(repository).thumbnail("kept")).get().isEqualTo(new byte[] {7, 8});
    }

    @Test
    void refusesToReplaceASightingThatIsNotStored() {
        repository.save(sighting("known", NOON, SPARROW, true));

        assertThatThrownBy(() -> repository.replace(sighting("unknown", NOON, ROBIN, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown");
        assertThat(repository.find("unknown")).isEmpty();
        assertThat(repository.between(NOON, NOON.plusSeconds(1))).hasSize(1);
    }

    @Test
    void findsNothingForAnUnknownId() {
        repository.save(sighting("a", NOON, SPARROW, true));

        assertThat(repository.find("b")).isEmpty();
        assertThat(repository.find("A")).as("ids are case-sensitive").isEmpty();
    }

    @Test
    void refusesASecondSightingWithTheSameIdAndKeepsTheFirst() {
        Sighting first = sighting("dup", NOON, SPARROW, true);
        repository.save(first);

        assertThatThrownBy(() -> repository.save(sighting("dup", NOON.plusSeconds(60), ROBIN, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dup");
        assertThat(repository.find("dup")).contains(first);
        assertThat(repository.between(NOON.minusSeconds(3600), NOON.plusSeconds(3600))).containsExactly(first);
    }

    // ---------------------------------------------------------------- review

    @Test
    void storesAReviewAndReviewingAgainReplacesIt() {
        Sighting original = sighting("r", NOON, SPARROW, true);
        repository.save(original);

        assertThat(repository.review("r", Review.species(ROBIN))).contains(original.withReview(Review.species(ROBIN)));
        assertThat(repository.review("r", Review.notABirdAtAll()))
                .contains(original.withReview(Review.notABirdAtAll()));
        assertThat(repository.find("r")).contains(original.withReview(Review.notABirdAtAll()));
        repository.review("r", Review.species(WREN));

        assertThat(reopen(repository).find("r")).contains(original.withReview(Review.species(WREN)));
        assertThat(repository.between(NOON, NOON.plusSeconds(1))).containsExactly(original.withReview(Review.species(WREN)));
    }

    @Test
    void reviewingAnUnknownIdChangesNothing() {
        repository.save(sighting("known", NOON, SPARROW, true));

        assertThat(repository.review("unknown", Review.species(ROBIN))).isEmpty();
        assertThat(repository.find("unknown")).isEmpty();
        assertThat(repository.between(NOON.minusSeconds(1), NOON.plusSeconds(1))).hasSize(1);
    }

    @Test
    void aReviewedSightingCountsUnderTheCorrectedSpeciesOnly() {
        Sighting s = sighting("s", NOON, SPARROW, true);
        repository.save(s);
        repository.review("s", Review.species(ROBIN));

        assertThat(repository.page(new SightingQuery(null, null, ROBIN, 10, null)).sightings()).extracting(Sighting::id)
                .containsExactly("s");
        assertThat(repository.page(new SightingQuery(null, null, SPARROW, 10, null)).sightings()).isEmpty();
        assertThat(repository.lastNotified(ROBIN, NOON)).contains(NOON);
        assertThat(repository.lastNotified(SPARROW, NOON)).isEmpty();
        assertThat(repository.recordedBefore(ROBIN, NOON.plusSeconds(1))).isTrue();
        assertThat(repository.recordedBefore(SPARROW, NOON.plusSeconds(1))).isFalse();
        assertThat(repository.recordedBetween(ROBIN, NOON, NOON.plusSeconds(1))).isTrue();
        assertThat(repository.recordedBetween(SPARROW, NOON, NOON.plusSeconds(1))).isFalse();
    }

    @Test
    void aSightingReviewedAsNotABirdCountsAsNoSpeciesButIsStillListed() {
        repository.save(sighting("s", NOON, SPARROW, true));
        repository.review("s", Review.notABirdAtAll());

        assertThat(repository.page(new SightingQuery(null, null, SPARROW, 10, null)).sightings()).isEmpty();
        assertThat(repository.page(SightingQuery.latest(10)).sightings()).extracting(Sighting::id).containsExactly("s");
        assertThat(repository.lastNotified(SPARROW, NOON.minusSeconds(1))).isEmpty();
        assertThat(repository.recordedBefore(SPARROW, NOON.plusSeconds(1))).isFalse();
        assertThat(repository.recordedBetween(SPARROW, NOON, NOON.plusSeconds(1))).isFalse();
    }

    @Test
    void movingTheEarliestSightingToAnotherSpeciesLeavesTheOriginalSpeciesFirstSeenLater() {
        Instant yearAgo = NOON.minus(Duration.ofDays(400));
        saveAll(sighting("early", yearAgo, SPARROW, true), sighting("late", NOON, SPARROW, false));

        repository.review("early", Review.species(ROBIN));

        assertThat(repository.recordedBefore(SPARROW, NOON)).as("only 'late' is a sparrow now").isFalse();
        assertThat(repository.recordedBefore(SPARROW, NOON.plusNanos(1))).isTrue();
        assertThat(repository.recordedBefore(ROBIN, yearAgo.plusNanos(1))).isTrue();
        repository.review("early", Review.species(SPARROW));
        assertThat(repository.recordedBefore(SPARROW, NOON)).isTrue();
        assertThat(repository.recordedBefore(ROBIN, NOON)).isFalse();
    }

    // ---------------------------------------------------------------- between

    @Test
    void betweenIncludesFromExcludesToAndListsOldestFirstWithTiesById() {
        Instant t = NOON;
        saveAll(sighting("before", t.minusNanos(1), SPARROW, false), sighting("b", t, SPARROW, false),
                sighting("a", t, ROBIN, false), sighting("mid", t.plusSeconds(30), WREN, true),
                sighting("last", t.plusSeconds(60).minusNanos(1), SPARROW, false),
                sighting("at-to", t.plusSeconds(60), SPARROW, false));

        assertThat(repository.between(t, t.plusSeconds(60))).extracting(Sighting::id)
                .containsExactly("a", "b", "mid", "last");
        assertThat(repository.between(t.plusSeconds(61), t.plusSeconds(120))).isEmpty();
    }

    @Test
    void betweenSpansMidnightAndMonthAndYearBoundaries() {
        Instant newYear = Instant.parse("2027-01-01T00:00:00Z");
        saveAll(sighting("old-year", newYear.minusNanos(1), SPARROW, false),
                sighting("new-year", newYear, SPARROW, false),
                sighting("next-day", newYear.plus(Duration.ofHours(24)), ROBIN, false),
                sighting("month-end", Instant.parse("2026-11-30T23:59:59Z"), WREN, false),
                sighting("month-start", Instant.parse("2026-12-01T00:00:00Z"), WREN, false));

        assertThat(repository.between(Instant.parse("2026-11-30T12:00:00Z"), newYear.plus(Duration.ofDays(2))))
                .extracting(Sighting::id).containsExactly("month-end", "month-start", "old-year", "new-year", "next-day");
        assertThat(repository.between(newYear, newYear.plusNanos(1))).extracting(Sighting::id).containsExactly("new-year");
    }

    @Test
    void betweenFindsSightingsYearsApart() {
        saveAll(sighting("2019", Instant.parse("2019-06-01T08:00:00Z"), SPARROW, true),
                sighting("2026", NOON, SPARROW, true),
                sighting("2031", Instant.parse("2031-02-28T18:30:00Z"), SPARROW, true));

        assertThat(repository.between(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z")))
                .extracting(Sighting::id).containsExactly("2019", "2026", "2031");
        assertThat(repository.between(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z")))
                .extracting(Sighting::id).containsExactly("2026");
    }

    // ---------------------------------------------------------------- page

    @Test
    void listsTheNewestFirstWithTiesByIdDescending() {
        saveAll(sighting("a", NOON, SPARROW, false), sighting("c", NOON, SPARROW, false),
                sighting("b", NOON, ROBIN, false), sighting("older", NOON.minusSeconds(1), WREN, false),
                sighting("newer", NOON.plusSeconds(1), WREN, false));

        SightingPage page = repository.page(SightingQuery.latest(10));

        assertThat(page.sightings()).extracting(Sighting::id).containsExactly("newer", "c", "b", "a", "older");
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void anEmptyStoreHasAnEmptyLastPage() {
        SightingPage page = repository.page(SightingQuery.latest(5));

        assertThat(page.sightings()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aPageExactlyAsLongAsTheRestHasNoNextCursor() {
        saveAll(sighting("a", NOON, SPARROW, false), sighting("b", NOON.plusSeconds(1), SPARROW, false));

        SightingPage first = repository.page(SightingQuery.latest(1));
        SightingPage second = repository.page(new SightingQuery(null, null, null, 1, first.nextCursor()));

        assertThat(first.sightings()).extracting(Sighting::id).containsExactly("b");
        assertThat(first.nextCursor()).isNotNull();
        assertThat(second.sightings()).extracting(Sighting::id).containsExactly("a");
        assertThat(second.nextCursor()).isNull();
    }

    /** Sightings over three days, with ties in time, a review, and two species. */
    private List<Sighting> history() {
        List<Sighting> all = new ArrayList<>();
        Instant start = Instant.parse("2026-11-27T22:00:00Z");
        for (int i = 0; i < 41; i++) {
            // Every third sighting shares its time with the one before: ties across page edges.
            Instant time = start.plus(Duration.ofMinutes(97L * (i - i % 3 / 2)));
            String species = i % 4 == 0 ? ROBIN : SPARROW;
            all.add(sighting(String.format("h-%02d", 40 - i), time, species, i % 5 == 0));
        }
        all.forEach(repository::save);
        Sighting corrected = all.get(7);
        repository.review(corrected.id(), Review.species(ROBIN));
        all.set(7, corrected.withReview(Review.species(ROBIN)));
        return all;
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("everything", null, null, null, 1),
                Arguments.of("everything, pages of 4", null, null, null, 4),
                Arguments.of("one species", null, null, "erithacus RUBECULA", 3),
                Arguments.of("one species, pages of 1000", null, null, "Passer domesticus", 1000),
                Arguments.of("from only", "2026-11-28T10:00:00Z", null, null, 5),
                Arguments.of("to only", null, "2026-11-29T00:00:00Z", SPARROW, 2),
                Arguments.of("one local day across midnight UTC", "2026-11-28T05:00:00Z", "2026-11-29T05:00:00Z", null, 3),
                Arguments.of("nothing matches", "2030-01-01T00:00:00Z", null, null, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void pagesThroughEveryMatchingSightingOnceNewestFirst(String name, String from, String to, String species,
                                                         int limit) {
        List<Sighting> all = history();
        Instant fromTime = from == null ? null : Instant.parse(from);
        Instant toTime = to == null ? null : Instant.parse(to);
        Predicate<Sighting> matches = s -> (fromTime == null || !s.time().isBefore(fromTime))
                && (toTime == null || s.time().isBefore(toTime)) && (species == null || s.isSpecies(species));
        List<Sighting> expected = all.stream().filter(matches)
                .sorted(Comparator.comparing(Sighting::time).thenComparing(Sighting::id).reversed()).toList();

        List<Sighting> seen = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            SightingPage page = repository.page(new SightingQuery(fromTime, toTime, species, limit, cursor));
            assertThat(page.sightings().size()).isLessThanOrEqualTo(limit);
            if (page.nextCursor() != null) {
                assertThat(page.sightings()).hasSize(limit);
                assertThat(cursors.add(page.nextCursor())).as("cursor handed out twice").isTrue();
            }
            seen.addAll(page.sightings());
            cursor = page.nextCursor();
            assertThat(++pages).as("pages").isLessThanOrEqualTo(all.size() + 1);
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void aCursorKeepsWorkingWhenNewerSightingsArrive() {
        saveAll(sighting("a", NOON, SPARROW, false), sighting("b", NOON.plusSeconds(1), SPARROW, false),
                sighting("c", NOON.plusSeconds(2), SPARROW, false));
        SightingPage first = repository.page(SightingQuery.latest(2));
        repository.save(sighting("d", NOON.plusSeconds(3), SPARROW, false));

        SightingPage second = repository.page(new SightingQuery(null, null, null, 2, first.nextCursor()));

        assertThat(first.sightings()).extracting(Sighting::id).containsExactly("c", "b");
        assertThat(second.sightings()).extracting(Sighting::id).containsExactly("a");
    }

    @ParameterizedTest(name = "cursor \"{0}\"")
    @ValueSource(strings = {"not a cursor", "|", "2026-11-29T12:00:00Z", "2026-13-45T99:00:00Z|a", "\u0000\uffff",
            "%%%%", "eyJ0aW1lIjoxfQ=="})
    void refusesACursorItDidNotHandOut(String cursor) {
        repository.save(sighting("a", NOON, SPARROW, false));

        assertThatThrownBy(() -> repository.page(new SightingQuery(null, null, null, 10, cursor)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("cursor");
    }

    // ---------------------------------------------------------------- history

    @Test
    void matchesSpeciesIgnoringCaseEverywhere() {
        saveAll(sighting("s", NOON, "passer DOMESTICUS", true));

        assertThat(repository.page(new SightingQuery(null, null, "PASSER domesticus", 10, null)).sightings()).hasSize(1);
        assertThat(repository.page(new SightingQuery(null, null, "  Passer domesticus ", 10, null)).sightings())
                .hasSize(1);
        assertThat(repository.lastNotified("Passer Domesticus", NOON)).contains(NOON);
        assertThat(repository.recordedBefore("PASSER DOMESTICUS", NOON.plusSeconds(1))).isTrue();
        assertThat(repository.recordedBetween("passer domesticus", NOON, NOON.plusSeconds(1))).isTrue();
        assertThat(repository.recordedBetween("Passer", NOON, NOON.plusSeconds(1))).as("no prefix match").isFalse();
    }

    @Test
    void lastNotifiedIsTheLatestNotifiedSightingAtOrAfterSince() {
        saveAll(sighting("n1", NOON, SPARROW, true), sighting("n2", NOON.plusSeconds(600), SPARROW, true),
                sighting("quiet", NOON.plusSeconds(900), SPARROW, false),
                sighting("robin", NOON.plusSeconds(1200), ROBIN, true));

        assertThat(repository.lastNotified(SPARROW, NOON.minusSeconds(3600))).contains(NOON.plusSeconds(600));
        assertThat(repository.lastNotified(SPARROW, NOON.plusSeconds(600))).as("since is inclusive")
                .contains(NOON.plusSeconds(600));
        assertThat(repository.lastNotified(SPARROW, NOON.plusSeconds(601))).as("a quiet sighting is no notification")
                .isEmpty();
        assertThat(repository.lastNotified(WREN, NOON.minusSeconds(3600))).isEmpty();
    }

    @Test
    void lastNotifiedLooksAcrossMidnightAndFindsOnlyWhatIsWithinTheWindow() {
        Instant lateYesterday = Instant.parse("2026-11-28T23:50:00Z");
        Instant earlyToday = Instant.parse("2026-11-29T00:10:00Z");
        saveAll(sighting("old", Instant.parse("2025-11-29T00:00:00Z"), SPARROW, true),
                sighting("late", lateYesterday, SPARROW, true));

        assertThat(repository.lastNotified(SPARROW, earlyToday.minus(Duration.ofMinutes(30)))).contains(lateYesterday);
        assertThat(repository.lastNotified(SPARROW, earlyToday.minus(Duration.ofMinutes(19)))).isEmpty();
        assertThat(repository.lastNotified(SPARROW, Instant.parse("2020-01-01T00:00:00Z"))).contains(lateYesterday);
    }

    @Test
    void recordedBeforeIsExclusiveAndCountsUnnotifiedSightingsYearsBack() {
        Instant longAgo = Instant.parse("2021-03-14T06:00:00Z");
        saveAll(sighting("old", longAgo, SPARROW, false), sighting("now", NOON, ROBIN, true));

        assertThat(repository.recordedBefore(SPARROW, NOON)).isTrue();
        assertThat(repository.recordedBefore(SPARROW, longAgo)).as("before is exclusive").isFalse();
        assertThat(repository.recordedBefore(SPARROW, longAgo.plusNanos(1))).isTrue();
        assertThat(repository.recordedBefore(ROBIN, NOON)).isFalse();
        assertThat(repository.recordedBefore(ROBIN, NOON.plusNanos(1))).isTrue();
        assertThat(repository.recordedBefore(WREN, NOON.plus(Duration.ofDays(3650)))).isFalse();
    }

    @Test
    void recordedBeforeSeesAnEarlierSightingSavedLater() {
        repository.save(sighting("now", NOON, SPARROW, true));
        repository.save(sighting("backfilled", NOON.minus(Duration.ofDays(30)), SPARROW, false));

        assertThat(repository.recordedBefore(SPARROW, NOON.minus(Duration.ofDays(29)))).isTrue();
        assertThat(repository.recordedBefore(SPARROW, NOON.minus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void recordedBetweenIncludesFromAndExcludesTo() {
        Instant dayStart = Instant.parse("2026-11-29T00:00:00Z");
        saveAll(sighting("start", dayStart, SPARROW, false),
                sighting("next", dayStart.plus(Duration.ofDays(1)), ROBIN, false));

        assertThat(repository.recordedBetween(SPARROW, dayStart, dayStart.plus(Duration.ofDays(1)))).isTrue();
        assertThat(repository.recordedBetween(SPARROW, dayStart.plusNanos(1), dayStart.plus(Duration.ofDays(1))))
                .isFalse();
        assertThat(repository.recordedBetween(ROBIN, dayStart, dayStart.plus(Duration.ofDays(1)))).as("to is exclusive")
                .isFalse();
        assertThat(repository.recordedBetween(ROBIN, dayStart, dayStart.plus(Duration.ofDays(1)).plusNanos(1))).isTrue();
        assertThat(repository.recordedBetween(SPARROW, dayStart.minus(Duration.ofDays(400)), dayStart)).isFalse();
    }

    @Test
    void keepsEverythingWhenReopened() {
        List<Sighting> all = history();

        SightingRepository again = reopen(repository);

        assertThat(again.between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .containsExactlyElementsOf(all.stream()
                        .sorted(Comparator.comparing(Sighting::time).thenComparing(Sighting::id)).toList());
        assertThat(again.recordedBefore(ROBIN, Instant.parse("2027-01-01T00:00:00Z"))).isTrue();
    }
}
