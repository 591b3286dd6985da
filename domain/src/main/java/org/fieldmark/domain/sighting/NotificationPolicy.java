package org.fieldmark.domain.sighting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fieldmark.domain.ProbabilityFormat;

/**
 * Decides, for each photo's top class, whether it goes into the bird log and whether people are
 * told, and says why. Pure: the history and the time are handed in.
 *
 * <p>The rules, in the order they are checked (the first that stops a candidate gives the reason):
 * <ol>
 *   <li>a "not a bird" top class is never recorded; it is notified only with {@code notifyWhenNoBird};</li>
 *   <li>a probability below the record threshold is not recorded (nor notified);</li>
 *   <li>a species on the deny list is recorded, never notified (deny wins over allow);</li>
 *   <li>with a non-empty allow list, a species not on it is recorded, not notified;</li>
 *   <li>a probability not above the notify threshold (the species' own, else the default) is recorded, not notified;</li>
 *   <li>the mode: {@code new-species} notifies only a species never recorded before; {@code first-of-day}
 *       only the first recording of a species on the local day (in {@code zone});</li>
 *   <li>the cooldown: a species notified less than its cooldown ago is recorded, not notified.</li>
 * </ol>
 * Names in the lists match a scientific or common name, ignoring case; per-species thresholds and
 * cooldowns are keyed by scientific name, ignoring case. The record threshold is inclusive (a
 * probability equal to it is recorded); the notify threshold is exclusive, like the identification
 * threshold (exactly 0.70 is not confident, and not notified).
 *
 * @param mode                   which sightings are news
 * @param recordThreshold        the lowest probability kept in the log
 * @param notifyThreshold        a probability must be above this to be notified
 * @param speciesThresholds      notify thresholds per scientific name (lower case keys)
 * @param allow                  names that may be notified (lower case); empty allows all
 * @param deny                   names that are never notified (lower case)
 * @param cooldown               default quiet time after a species was notified; zero is off
 * @param speciesCooldowns       quiet times per scientific name (lower case keys)
 * @param zone                   the time zone whose days {@code first-of-day} and digests count in
 * @param notifyWhenNoBird       notify photos whose top class is not a bird
 */
public record NotificationPolicy(Mode mode, double recordThreshold, double notifyThreshold,
                                 Map<String, Double> speciesThresholds, Set<String> allow, Set<String> deny,
                                 Duration cooldown, Map<String, Duration> speciesCooldowns, ZoneId zone,
                                 boolean notifyWhenNoBird) {

    public static final double DEFAULT_RECORD_THRESHOLD = 0.3;
    public static final double DEFAULT_NOTIFY_THRESHOLD = 0.70;
    /** Cooldowns are configured in whole minutes, at most a week. */
    public static final long MAX_COOLDOWN_MINUTES = 7 * 24 * 60;

    /** Which sightings are news. */
    public enum Mode {
        /** Every sighting that passes the thresholds, lists and cooldown. */
        EVERY("every"),
        /** Only a species never recorded before. */
        NEW_SPECIES("new-species"),
        /** Only the first recording of a species on the local day. */
        FIRST_OF_DAY("first-of-day");

        private final String text;

        Mode(String text) {
            this.text = text;
        }

        /** As written in configuration: {@code every}, {@code new-species}, {@code first-of-day}. */
        public String text() {
            return text;
        }
    }

    /** Every problem of a policy's settings, at once. */
    public static final class InvalidPolicyException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidPolicyException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public NotificationPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(zone, "zone");
        List<String> problems = new ArrayList<>();
        threshold(problems, "the record threshold", recordThreshold);
        threshold(problems, "the notify threshold", notifyThreshold);
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Objects.requireNonNull(speciesThresholds, "speciesThresholds").forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                problems.add("a species threshold has no species name");
                return;
            }
            if (value == null || !threshold(problems, "the notify threshold of " + name.strip(), value)) {
                return;
            }
            if (thresholds.put(Sighting.key(name), value) != null) {
                problems.add("the notify threshold of " + name.strip() + " is given twice");
            }
        });
        cooldown(problems, "the cooldown", cooldown);
        Map<String, Duration> cooldowns = new LinkedHashMap<>();
        Objects.requireNonNull(speciesCooldowns, "speciesCooldowns").forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                problems.add("a species cooldown has no species name");
                return;
            }
            if (value == null || !cooldown(problems, "the cooldown of " + name.strip(), value)) {
                return;
            }
            if (cooldowns.put(Sighting.key(name), value) != null) {
                problems.add("the cooldown of " + name.strip() + " is given twice");
            }
        });
        allow = names(problems, "allow", allow);
        deny = names(problems, "deny", deny);
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        speciesThresholds = Map.copyOf(thresholds);
        speciesCooldowns = Map.copyOf(cooldowns);
    }

    /** The defaults: every sighting, record at 0.3, notify above 0.70, no lists, no cooldown. */
    public static NotificationPolicy defaults(ZoneId zone) {
        return new NotificationPolicy(Mode.EVERY, DEFAULT_RECORD_THRESHOLD, DEFAULT_NOTIFY_THRESHOLD, Map.of(), Set.of(),
                Set.of(), Duration.ZERO, Map.of(), zone, false);
    }

    /**
     * Decides for {@code candidate} identified at {@code now}, given the sightings recorded
     * before it (the candidate itself is not in {@code history} yet).
     */
    public Decision decide(SightingCandidate candidate, SightingHistory history, Instant now) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(now, "now");
        String species = candidate.scientificName();
        if (!candidate.bird()) {
            String what = "not a bird (top class " + candidate.displayName() + ")";
            return notifyWhenNoBird
                    ? new Decision(false, true, "notified: " + what + ", notify-no-bird is on")
                    : new Decision(false, false, "suppressed: " + what);
        }
        if (candidate.probability() < recordThreshold) {
            return Decision.notRecorded("probability " + probability(candidate.probability(), recordThreshold)
                    + " below the record threshold " + text(recordThreshold));
        }
        if (candidate.isCalledAnyOf(deny)) {
            return Decision.suppressed(species + " is on the deny list");
        }
        if (!allow.isEmpty() && !candidate.isCalledAnyOf(allow)) {
            return Decision.suppressed(species + " is not on the allow list");
        }
        Double own = speciesThresholds.get(Sighting.key(species));
        double notifyAbove = own != null ? own : notifyThreshold;
        if (!(candidate.probability() > notifyAbove)) {
            return Decision.suppressed("probability " + probability(candidate.probability(), notifyAbove)
                    + " not above the notify threshold " + text(notifyAbove) + (own != null ? " for " + species : ""));
        }
        // "Before" includes a sighting recorded at this very instant, one photo earlier.
        Instant upToNow = now.plusNanos(1);
        String news;
        switch (mode) {
            case NEW_SPECIES -> {
                if (history.recordedBefore(species, upToNow)) {
                    return Decision.suppressed(species + " was recorded before (mode new-species)");
                }
                news = "new species " + species;
            }
            case FIRST_OF_DAY -> {
                if (history.recordedBetween(species, startOfDay(now), upToNow)) {
                    return Decision.suppressed(species + " was already recorded today (mode first-of-day)");
                }
                news = "first " + species + " today";
            }
            default -> news = species + " (" + ProbabilityFormat.twoDecimals(candidate.probability()) + ")";
        }
        Duration quiet = cooldownOf(species);
        if (!quiet.isZero()) {
            Optional<Instant> last = history.lastNotified(species, now.minus(quiet));
            if (last.isPresent()) {
                Duration left = Duration.between(now, last.get().plus(quiet));
                if (left.compareTo(Duration.ZERO) > 0) {
                    long minutes = (left.toSeconds() + 59) / 60;
                    return Decision.suppressed("cooldown " + Math.max(1, minutes) + " min left for " + species);
                }
            }
        }
        return Decision.notified(news);
    }

    /** The quiet time after {@code scientificName} was notified: its own, else the default. */
    public Duration cooldownOf(String scientificName) {
        return speciesCooldowns.getOrDefault(Sighting.key(scientificName), cooldown);
    }

    /** When the local day of {@code instant} began, in {@link #zone()} (DST-safe: a day may have 23 or 25 hours). */
    public Instant startOfDay(Instant instant) {
        return LocalDate.ofInstant(instant, zone).atStartOfDay(zone).toInstant();
    }

    private static boolean threshold(List<String> problems, String what, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            problems.add(what + " must be between 0 and 1, got " + value);
            return false;
        }
        return true;
    }

    private static boolean cooldown(List<String> problems, String what, Duration value) {
        if (value.isNegative() || value.toMinutes() > MAX_COOLDOWN_MINUTES) {
            problems.add(what + " must be between 0 and " + MAX_COOLDOWN_MINUTES + " minutes, got "
                    + value.toMinutes());
            return false;
        }
        return true;
    }

    private static Set<String> names(List<String> problems, String list, Set<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : Objects.requireNonNull(names, list)) {
            if (name == null || name.isBlank()) {
                problems.add("the " + list + " list has a blank name");
            } else {
                keys.add(Sighting.key(name));
            }
        }
        return Set.copyOf(keys);
    }

    /** A threshold as configured: at least two decimals ({@code 0.30}), more when it has them. */
    static String text(double threshold) {
        BigDecimal exact = BigDecimal.valueOf(threshold).stripTrailingZeros();
        return exact.setScale(Math.max(2, exact.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * A probability with as many decimals as the threshold it is compared with, rounded down, so
     * that "0.69 not above 0.70" never reads "0.70 below 0.70".
     */
    static String probability(double probability, double threshold) {
        int scale = Math.max(2, BigDecimal.valueOf(threshold).stripTrailingZeros().scale());
        return BigDecimal.valueOf(probability).setScale(scale, RoundingMode.FLOOR).toPlainString();
    }
}
