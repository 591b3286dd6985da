package org.fieldmark.configuration;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.fieldmark.domain.sighting.NotificationPolicy;

/** The text forms of the notification policy's settings, read into the values the domain's policy takes. */
public final class PolicyText {

    /** Cooldowns are configured in whole minutes, at most a week. */
    public static final long MAX_COOLDOWN_MINUTES = NotificationPolicy.MAX_COOLDOWN_MINUTES;

    private PolicyText() {
    }

    /** Every problem of one option's text, at once. */
    public static final class InvalidTextException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        InvalidTextException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * The mode written as {@code text}, ignoring case: {@code every}, {@code new-species}, {@code first-of-day}.
     *
     * @throws IllegalArgumentException naming the modes when it is none of them
     */
    public static NotificationPolicy.Mode mode(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (NotificationPolicy.Mode mode : NotificationPolicy.Mode.values()) {
            if (mode.text().equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a mode; use every, new-species or first-of-day");
    }

    /**
     * {@code Passer domesticus=0.9, Cyanocitta cristata=0.5} as a map; empty or {@code null} text
     * is an empty map.
     *
     * @throws InvalidTextException naming every entry that is not {@code name=number}
     */
    public static Map<String, Double> speciesThresholds(String option, String text) {
        return speciesValues(option, text, "a probability such as 0.9", value -> {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= 0.0 && parsed <= 1.0)) {
                throw new IllegalArgumentException();
            }
            return parsed;
        });
    }

    /**
     * {@code Passer domesticus=60, Cyanocitta cristata=0} (minutes) as a map of durations.
     *
     * @throws InvalidTextException naming every entry that is not {@code name=minutes}
     */
    public static Map<String, Duration> speciesCooldowns(String option, String text) {
        return speciesValues(option, text, "whole minutes from 0 to " + MAX_COOLDOWN_MINUTES,
                value -> Duration.ofMinutes(minutes(value)));
    }

    /**
     * Minutes from 0 to {@link #MAX_COOLDOWN_MINUTES} as a duration.
     *
     * @throws IllegalArgumentException when {@code text} is not such a number
     */
    public static Duration cooldown(String text) {
        return Duration.ofMinutes(minutes(text));
    }

    /** {@code House Sparrow, Cyanocitta cristata} as a set of names; empty or {@code null} text is empty. */
    public static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            for (String name : text.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    /**
     * A time zone id ({@code Europe/Berlin}, {@code UTC}, {@code +02:00}).
     *
     * @throws IllegalArgumentException saying what a zone id looks like
     */
    public static ZoneId zone(String text) {
        try {
            return ZoneId.of(text == null ? "" : text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone; use a region id such as "
                    + "Europe/Berlin or America/New_York, or UTC", e);
        }
    }

    private static long minutes(String text) {
        long minutes;
        try {
            minutes = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of minutes", e);
        }
        if (minutes < 0 || minutes > MAX_COOLDOWN_MINUTES) {
            throw new IllegalArgumentException(minutes + " minutes is outside 0.." + MAX_COOLDOWN_MINUTES);
        }
        return minutes;
    }

    private static <T> Map<String, T> speciesValues(String option, String text, String expected,
                                                    Function<String, T> parse) {
        Map<String, T> values = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return values;
        }
        List<String> problems = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).strip();
            String value = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (eq < 0 || name.isEmpty()) {
                problems.add(option + " entry '" + entry.strip() + "' is not 'Scientific name=value', e.g. "
                        + "'Passer domesticus=" + (expected.startsWith("a prob") ? "0.9" : "60") + "'");
                continue;
            }
            try {
                if (values.put(name, parse.apply(value)) != null) {
                    problems.add(option + " names " + name + " twice");
                }
            } catch (RuntimeException e) {
                problems.add(option + " entry '" + entry.strip() + "' needs " + expected + " after '='");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTextException(problems);
        }
        return values;
    }
}
