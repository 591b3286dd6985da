package org.fieldmark.domain.sighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fieldmark.domain.sighting.NotificationPolicy.InvalidPolicyException;
import org.fieldmark.domain.sighting.NotificationPolicy.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationPolicyTest {

    private static final String SPARROW = "Passer domesticus";
    private static final String JAY = "Cyanocitta cristata";
    private static final String NOW = "2026-11-29T12:00:00Z";

    /** Settings a case changes; everything else stays at the defaults. */
    static final class Settings {
        Mode mode = Mode.EVERY;
        double record = NotificationPolicy.DEFAULT_RECORD_THRESHOLD;
        double notify = NotificationPolicy.DEFAULT_NOTIFY_THRESHOLD;
        final Map<String, Double> thresholds = new LinkedHashMap<>();
        final Set<String> allow = new LinkedHashSet<>();
        final Set<String> deny = new LinkedHashSet<>();
        long cooldownMinutes;
        final Map<String, Duration> cooldowns = new LinkedHashMap<>();
        ZoneId zone = ZoneOffset.UTC;
        boolean notifyNoBird;

        NotificationPolicy policy() {
            return new NotificationPolicy(mode, record, notify, thresholds, allow, deny,
                    Duration.ofMinutes(cooldownMinutes), cooldowns, zone, notifyNoBird);
        }
    }

    static Settings settings(Consumer<Settings> change) {
        Settings settings = new Settings();
        change.accept(settings);
        return settings;
    }

    static SightingCandidate sparrow(double p) {
        return new SightingCandidate(SPARROW, "House Sparrow", p, true);
    }

    /** One row: the settings, the log before, the photo, when, and what must be decided. */
    record Case(String name, Consumer<Settings> settings, Consumer<ListHistory> before, SightingCandidate candidate,
                String now, boolean recorded, boolean notified, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case row(String name, Consumer<Settings> settings, Consumer<ListHistory> before, SightingCandidate candidate,
                    String now, boolean recorded, boolean notified, String reason) {
        return new Case(name, settings, before, candidate, now, recorded, notified, reason);
    }

    static Stream<Arguments> rules() {
        Consumer<Settings> defaults = s -> { };
        Consumer<ListHistory> empty = h -> { };
        return Stream.of(
                // thresholds
                row("a confident sparrow is recorded and notified", defaults, empty, sparrow(0.94), NOW,
                        true, true, "notified: Passer domesticus (0.94)"),
                row("below the record threshold nothing is kept", defaults, empty, sparrow(0.21), NOW,
                        false, false, "not recorded: probability 0.21 below the record threshold 0.30"),
                row("just below the record threshold reads below it", defaults, empty, sparrow(0.2999), NOW,
                        false, false, "not recorded: probability 0.29 below the record threshold 0.30"),
                row("exactly the record threshold is recorded", defaults, empty, sparrow(0.30), NOW,
                        true, false, "suppressed: probability 0.30 not above the notify threshold 0.70"),
                row("exactly the notify threshold is not notified, like the confident rule", defaults, empty,
                        sparrow(0.70), NOW, true, false, "suppressed: probability 0.70 not above the notify threshold 0.70"),
                row("just above the notify threshold is notified", defaults, empty, sparrow(0.705), NOW,
                        true, true, "notified: Passer domesticus (0.70)"),
                row("a record threshold with three decimals is quoted with three",
                        s -> s.record = 0.355, empty, sparrow(0.3549), NOW,
                        false, false, "not recorded: probability 0.354 below the record threshold 0.355"),
                row("a species' own notify threshold is stricter", s -> s.thresholds.put(SPARROW, 0.9), empty,
                        sparrow(0.85), NOW, true, false,
                        "suppressed: probability 0.85 not above the notify threshold 0.90 for Passer domesticus"),
                row("a species' own notify threshold can be looser", s -> s.thresholds.put(SPARROW, 0.5), empty,
                        sparrow(0.6), NOW, true, true, "notified: Passer domesticus (0.60)"),
                row("species thresholds ignore case", s -> s.thresholds.put("passer DOMESTICUS", 0.95), empty,
                        sparrow(0.94), NOW, true, false,
                        "suppressed: probability 0.94 not above the notify threshold 0.95 for Passer domesticus"),
                row("another species' threshold does not apply", s -> s.thresholds.put(JAY, 0.99), empty,
                        sparrow(0.94), NOW, true, true, "notified: Passer domesticus (0.94)"),
                row("a notify threshold of 0 notifies every recorded bird", s -> s.notify = 0.0, empty,
                        sparrow(0.31), NOW, true, true, "notified: Passer domesticus (0.31)"),
                // lists
                row("a denied species is recorded, not notified", s -> s.deny.add(SPARROW), empty, sparrow(0.94), NOW,
                        true, false, "suppressed: Passer domesticus is on the deny list"),
                row("the deny list matches common names ignoring case", s -> s.deny.add("house SPARROW"), empty,
                        sparrow(0.94), NOW, true, false, "suppressed: Passer domesticus is on the deny list"),
                row("deny wins over allow", s -> {
                    s.allow.add("House Sparrow");
                    s.deny.add(SPARROW);
                }, empty, sparrow(0.94), NOW, true, false, "suppressed: Passer domesticus is on the deny list"),
                row("a species missing from a non-empty allow list is not notified", s -> s.allow.add(JAY), empty,
                        sparrow(0.94), NOW, true, false, "suppressed: Passer domesticus is not on the allow list"),
                row("the allow list matches common names", s -> s.allow.add("house sparrow"), empty, sparrow(0.94),
                        NOW, true, true, "notified: Passer domesticus (0.94)"),
                row("a denied species below the record threshold is not recorded", s -> s.deny.add(SPARROW), empty,
                        sparrow(0.1), NOW, false, false, "not recorded: probability 0.10 below the record threshold 0.30"),
                row("an allowed species still needs the notify threshold", s -> s.allow.add(SPARROW), empty,
                        sparrow(0.5), NOW, true, false, "suppressed: probability 0.50 not above the notify threshold 0.70"),
                // not a bird
                row("not a bird is neither recorded nor notified", defaults, empty,
                        new SightingCandidate("background", "background", 0.97, false), NOW,
                        false, false, "suppressed: not a bird (top class background)"),
                row("not a bird is notified when notify-no-bird is on", s -> s.notifyNoBird = true, empty,
                        new SightingCandidate("background", "background", 0.97, false), NOW,
                        false, true, "notified: not a bird (top class background), notify-no-bird is on"),
                // modes
                row("new-species notifies a species never recorded", s -> s.mode = Mode.NEW_SPECIES,
                        h -> h.add(JAY, "2026-11-01T08:00:00Z", true), sparrow(0.94), NOW,
                        true, true, "notified: new species Passer domesticus"),
                row("new-species stays quiet about a species recorded long ago, even unnotified",
                        s -> s.mode = Mode.NEW_SPECIES, h -> h.add(SPARROW, "2025-01-01T08:00:00Z", false),
                        sparrow(0.94), NOW, true, false, "suppressed: Passer domesticus was recorded before (mode new-species)"),
                row("new-species counts a sighting recorded at this very instant",
                        s -> s.mode = Mode.NEW_SPECIES, h -> h.add(SPARROW, NOW, true),
                        sparrow(0.94), NOW, true, false, "suppressed: Passer domesticus was recorded before (mode new-species)"),
                row("new-species counts a corrected sighting as the corrected species",
                        s -> s.mode = Mode.NEW_SPECIES,
                        h -> h.add(h.sighting(SPARROW, Instant.parse("2026-11-20T08:00:00Z"), true)
                                .withReview(Review.species(JAY))),
                        sparrow(0.94), NOW, true, true, "notified: new species Passer domesticus"),
                row("new-species ignores a sighting reviewed as not a bird",
                        s -> s.mode = Mode.NEW_SPECIES,
                        h -> h.add(h.sighting(SPARROW, Instant.parse("2026-11-20T08:00:00Z"), true)
                                .withReview(Review.notABirdAtAll())),
                        sparrow(0.94), NOW, true, true, "notified: new species Passer domesticus"),
                row("first-of-day notifies the first sparrow of the day", s -> s.mode = Mode.FIRST_OF_DAY,
                        h -> h.add(SPARROW, "2026-11-28T23:59:59Z", true), sparrow(0.94), NOW,
                        true, true, "notified: first Passer domesticus today"),
                row("first-of-day stays quiet after the day's first", s -> s.mode = Mode.FIRST_OF_DAY,
                        h -> h.add(SPARROW, "2026-11-29T00:00:00Z", false), sparrow(0.94), NOW,
                        true, false, "suppressed: Passer domesticus was already recorded today (mode first-of-day)"),
                row("first-of-day is per species", s -> s.mode = Mode.FIRST_OF_DAY,
                        h -> h.add(JAY, "2026-11-29T07:00:00Z", true), sparrow(0.94), NOW,
                        true, true, "notified: first Passer domesticus today"),
                // cooldowns
                row("a cooldown stops a repeat with the minutes left", s -> s.cooldownMinutes = 30,
                        h -> h.add(SPARROW, "2026-11-29T11:42:00Z", true), sparrow(0.94), NOW,
                        true, false, "suppressed: cooldown 12 min left for Passer domesticus"),
                row("part of a minute left counts as a minute", s -> s.cooldownMinutes = 30,
                        h -> h.add(SPARROW, "2026-11-29T11:30:30Z", true), sparrow(0.94), NOW,
                        true, false, "suppressed: cooldown 1 min left for Passer domesticus"),
                row("a cooldown that ended exactly now lets the next one through", s -> s.cooldownMinutes = 30,
                        h -> h.add(SPARROW, "2026-11-29T11:30:00Z", true), sparrow(0.94), NOW,
                        true, true, "notified: Passer domesticus (0.94)"),
                row("the cooldown runs from the last notified sighting, not the last recorded",
                        s -> s.cooldownMinutes = 30, h -> h.add(SPARROW, "2026-11-29T11:00:00Z", true)
                                .add(SPARROW, "2026-11-29T11:55:00Z", false), sparrow(0.94), NOW,
                        true, true, "notified: Passer domesticus (0.94)"),
                row("the cooldown is per species", s -> s.cooldownMinutes = 30,
                        h -> h.add(JAY, "2026-11-29T11:59:00Z", true), sparrow(0.94), NOW,
                        true, true, "notified: Passer domesticus (0.94)"),
                row("a species' own cooldown of 0 turns it off", s -> {
                    s.cooldownMinutes = 30;
                    s.cooldowns.put("passer domesticus", Duration.ZERO);
                }, h -> h.add(SPARROW, "2026-11-29T11:59:00Z", true), sparrow(0.94), NOW,
                        true, true, "notified: Passer domesticus (0.94)"),
                row("a species' own cooldown applies with the default off", s -> s.cooldowns.put(SPARROW,
                        Duration.ofMinutes(60)), h -> h.add(SPARROW, "2026-11-29T11:40:00Z", true), sparrow(0.94), NOW,
                        true, false, "suppressed: cooldown 40 min left for Passer domesticus"),
                row("no cooldown means every photo is news", defaults,
                        h -> h.add(SPARROW, "2026-11-29T11:59:59Z", true), sparrow(0.94), NOW,
                        true, true, "notified: Passer domesticus (0.94)"),
                // combinations
                row("first-of-day passes at midnight but the cooldown from last night still holds", s -> {
                    s.mode = Mode.FIRST_OF_DAY;
                    s.cooldownMinutes = 30;
                }, h -> h.add(SPARROW, "2026-11-28T23:55:00Z", true), sparrow(0.94), "2026-11-29T00:05:00Z",
                        true, false, "suppressed: cooldown 20 min left for Passer domesticus"),
                row("the deny list speaks before the mode", s -> {
                    s.mode = Mode.NEW_SPECIES;
                    s.deny.add(SPARROW);
                }, empty, sparrow(0.94), NOW, true, false, "suppressed: Passer domesticus is on the deny list"),
                row("the threshold speaks before the mode", s -> {
                    s.mode = Mode.FIRST_OF_DAY;
                    s.thresholds.put(SPARROW, 0.95);
                }, empty, sparrow(0.94), NOW, true, false,
                        "suppressed: probability 0.94 not above the notify threshold 0.95 for Passer domesticus"),
                row("the mode speaks before the cooldown", s -> {
                    s.mode = Mode.NEW_SPECIES;
                    s.cooldownMinutes = 30;
                }, h -> h.add(SPARROW, "2026-11-29T11:50:00Z", true), sparrow(0.94), NOW,
                        true, false, "suppressed: Passer domesticus was recorded before (mode new-species)"),
                row("new species on the allow list with a cooldown is notified", s -> {
                    s.mode = Mode.NEW_SPECIES;
                    s.allow.add(SPARROW);
                    s.cooldownMinutes = 30;
                }, h -> h.add(JAY, "2026-11-29T11:59:00Z", true), sparrow(0.94), NOW,
                        true, true, "notified: new species Passer domesticus"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decidesByEveryRuleAndSaysWhy(Case c) {
        ListHistory history = new ListHistory();
        c.before().accept(history);

        Decision decision = settings(c.settings()).policy().decide(c.candidate(), history, Instant.parse(c.now()));

        assertThat(decision).isEqualTo(new Decision(c.recorded(), c.notified(), c.reason()));
    }

    /** first-of-day at the edges of local days: one earlier sparrow, a photo now, news or not. */
    record DayCase(String name, String zone, String earlier, String now, boolean news) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> dayEdges() {
        return Stream.of(
                new DayCase("00:30 in Berlin is already the next day while UTC still says yesterday",
                        "Europe/Berlin", "2026-11-28T23:30:00Z", "2026-11-29T10:00:00Z", false),
                new DayCase("the same two instants are different days in UTC",
                        "UTC", "2026-11-28T23:30:00Z", "2026-11-29T10:00:00Z", true),
                new DayCase("00:30 in New York is a new day though UTC says it is the same",
                        "America/New_York", "2026-11-29T04:30:00Z", "2026-11-29T05:30:00Z", true),
                new DayCase("the 25-hour day of the autumn clock change is one day from 00:30 to 23:30",
                        "America/New_York", "2026-11-01T04:30:00Z", "2026-11-02T04:30:00Z", false),
                new DayCase("the 25-hour day ends at local midnight, 25 hours after it began",
                        "America/New_York", "2026-11-01T04:30:00Z", "2026-11-02T05:00:00Z", true),
                new DayCase("the 23-hour day of the spring clock change starts at its local midnight",
                        "America/New_York", "2026-03-08T04:30:00Z", "2026-03-08T05:15:00Z", true),
                new DayCase("the 23-hour day is one day from 00:15 to 23:45",
                        "America/New_York", "2026-03-08T05:15:00Z", "2026-03-09T03:45:00Z", false),
                new DayCase("where midnight does not exist the day starts at 01:00",
                        "America/Santiago", "2026-09-06T03:59:00Z", "2026-09-06T04:30:00Z", true),
                new DayCase("and a sighting at that 01:00 belongs to the new day",
                        "America/Santiago", "2026-09-06T04:00:00Z", "2026-09-06T05:00:00Z", false))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dayEdges")
    void countsDaysInTheConfiguredTimeZone(DayCase c) {
        NotificationPolicy policy = settings(s -> {
            s.mode = Mode.FIRST_OF_DAY;
            s.zone = ZoneId.of(c.zone());
        }).policy();
        ListHistory history = new ListHistory().add(SPARROW, c.earlier(), true);

        Decision decision = policy.decide(sparrow(0.94), history, Instant.parse(c.now()));

        assertThat(decision.notified()).isEqualTo(c.news());
        assertThat(decision.reason()).isEqualTo(c.news() ? "notified: first Passer domesticus today"
                : "suppressed: Passer domesticus was already recorded today (mode first-of-day)");
    }

    @Test
    void measuresCooldownsInRealTimeAcrossTheAutumnClockChange() {
        // 01:50 EDT, then 01:10 EST: the wall clock went back 40 minutes, 20 real minutes passed.
        NotificationPolicy policy = settings(s -> {
            s.cooldownMinutes = 30;
            s.zone = ZoneId.of("America/New_York");
        }).policy();
        ListHistory history = new ListHistory().add(SPARROW, "2026-11-01T05:50:00Z", true);

        Decision decision = policy.decide(sparrow(0.94), history, Instant.parse("2026-11-01T06:10:00Z"));

        assertThat(decision.reason()).isEqualTo("suppressed: cooldown 10 min left for Passer domesticus");
    }

    @Test
    void startsTheLocalDayAtItsFirstInstant() {
        NotificationPolicy santiago = settings(s -> s.zone = ZoneId.of("America/Santiago")).policy();

        assertThat(santiago.startOfDay(Instant.parse("2026-09-06T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
        assertThat(santiago.startOfDay(Instant.parse("2026-09-06T03:59:59Z")))
                .isEqualTo(Instant.parse("2026-09-05T04:00:00Z"));
    }

    /** Settings that cannot make a policy, and the problem each must name. */
    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("negative record threshold", settings(s -> s.record = -0.1),
                        "the record threshold must be between 0 and 1, got -0.1"),
                Arguments.of("notify threshold above 1", settings(s -> s.notify = 1.5),
                        "the notify threshold must be between 0 and 1, got 1.5"),
                Arguments.of("NaN threshold", settings(s -> s.notify = Double.NaN),
                        "the notify threshold must be between 0 and 1, got NaN"),
                Arguments.of("species threshold above 1", settings(s -> s.thresholds.put(SPARROW, 2.0)),
                        "the notify threshold of Passer domesticus must be between 0 and 1, got 2.0"),
                Arguments.of("blank species threshold name", settings(s -> s.thresholds.put(" ", 0.5)),
                        "a species threshold has no species name"),
                Arguments.of("one species threshold twice", settings(s -> {
                    s.thresholds.put(SPARROW, 0.5);
                    s.thresholds.put("PASSER DOMESTICUS", 0.6);
                }), "the notify threshold of PASSER DOMESTICUS is given twice"),
                Arguments.of("negative cooldown", settings(s -> s.cooldownMinutes = -5),
                        "the cooldown must be between 0 and 10080 minutes, got -5"),
                Arguments.of("cooldown longer than a week", settings(s -> s.cooldownMinutes = 10081),
                        "the cooldown must be between 0 and 10080 minutes, got 10081"),
                Arguments.of("negative species cooldown", settings(s -> s.cooldowns.put(JAY, Duration.ofMinutes(-1))),
                        "the cooldown of Cyanocitta cristata must be between 0 and 10080 minutes, got -1"),
                Arguments.of("blank allow name", settings(s -> s.allow.add("")), "the allow list has a blank name"),
                Arguments.of("blank deny name", settings(s -> s.deny.add("  ")), "the deny list has a blank name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void refusesBadSettingsNamingTheProblem(String name, Settings settings, String problem) {
        assertThatThrownBy(settings::policy).isInstanceOfSatisfying(InvalidPolicyException.class,
                e -> assertThat(e.problems()).containsExactly(problem));
    }

    @Test
    void listsEveryProblemAtOnce() {
        Settings settings = settings(s -> {
            s.record = 2;
            s.notify = -1;
            s.cooldownMinutes = -1;
            s.deny.add("");
        });

        assertThatThrownBy(settings::policy).isInstanceOfSatisfying(InvalidPolicyException.class,
                e -> assertThat(e.problems()).hasSize(4));
    }
}
