package org.fieldmark.configuration;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The text values of one runtime's options, read as the types their declarations say. A bad value
 * is noted in {@link Problems} in the runtime's words (the server's {@code top-k must be between 1
 * and 10000, got 0}, the Lambda's {@code TOP_K is '0'; set it to ...}) and a stand-in is returned, so
 * that every problem is found in one pass.
 */
public final class Values {

    private final Runtimes runtime;
    private final Map<String, String> given;
    private final Problems problems;

    private Values(Runtimes runtime, Map<String, String> given, Problems problems) {
        this.runtime = runtime;
        this.given = Map.copyOf(given);
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** The server's values by dotted name, its sources already merged (a blank one overrides a default). */
    public static Values server(Map<String, String> byName, Problems problems) {
        return new Values(Runtimes.SERVER, byName, problems);
    }

    /** The Lambda's environment: each option read from its variable (a blank one is unset). */
    public static Values lambda(Map<String, String> env, Problems problems) {
        Map<String, String> byName = new HashMap<>();
        for (Setting setting : Options.of(Runtimes.LAMBDA)) {
            String value = env.get(setting.lambdaEnv());
            if (value != null) {
                byName.put(setting.name(), value);
            }
        }
        return new Values(Runtimes.LAMBDA, byName, problems);
    }

    public Runtimes runtime() {
        return runtime;
    }

    public Problems problems() {
        return problems;
    }

    /** The name this runtime's problems call the option by. */
    public String label(Setting setting) {
        return setting.label(runtime);
    }

    /** {@code true} when a source gave the option a value, blank or not. */
    public boolean given(Setting setting) {
        return given.containsKey(setting.name());
    }

    /** {@code true} when the value in force is the declared default (nothing given, or a blank Lambda variable). */
    public boolean defaulted(Setting setting) {
        String value = given.get(setting.name());
        return value == null || runtime == Runtimes.LAMBDA && value.isBlank();
    }

    /** The value as given, blank included and unstripped, else the default; {@code null} without either. */
    public String verbatim(Setting setting) {
        return given(setting) ? given.get(setting.name()) : setting.defaultValue(runtime);
    }

    private String raw(Setting setting) {
        String value = given.get(setting.name());
        if (value == null || runtime == Runtimes.LAMBDA && value.isBlank()) {
            return setting.defaultValue(runtime);
        }
        return value;
    }

    /** The stripped value or default, {@code null} when unset or blank. */
    public String optional(Setting setting) {
        String value = raw(setting);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A value the option must have; a missing one is a problem and reads as {@code ""}. */
    public String text(Setting setting) {
        String value = optional(setting);
        if (value == null) {
            problems.add(label(setting) + " must not be empty");
            return "";
        }
        return value;
    }

    /**
     * Notes that {@code value} is wrong: the server says {@code <name> <serverSentence>}, the Lambda
     * {@code <VARIABLE> is '<value>'; set it to <hint>}.
     */
    public void invalid(Setting setting, String value, String serverSentence) {
        problems.add(runtime == Runtimes.LAMBDA
                ? label(setting) + " is '" + value + "'; set it to " + setting.hint()
                : label(setting) + " " + serverSentence);
    }

    /** Notes that the option is needed by another's value: {@code because} says which, {@code what} what to set. */
    public String requiredWhen(Setting setting, boolean needed, String because, String what) {
        String value = optional(setting);
        if (needed && value == null) {
            problems.add(label(setting) + " is not set but " + because + " needs it; set it "
                    + (runtime == Runtimes.SERVER ? "(env " + setting.env() + " or --" + setting.name() + "=...) " : "")
                    + "to " + what);
        }
        return value;
    }

    /** A whole number within the declared bounds. */
    public long whole(Setting setting) {
        String value = runtime == Runtimes.LAMBDA ? Objects.requireNonNullElse(optional(setting), "") : text(setting);
        long min = (long) setting.min();
        long max = (long) setting.max();
        try {
            long parsed = Long.parseLong(value.replace("_", ""));
            if (parsed < min || parsed > max) {
                invalid(setting, value, "must be between " + min + " and " + max + ", got " + parsed);
                return (long) standIn(setting);
            }
            return parsed;
        } catch (NumberFormatException e) {
            if (!value.isEmpty()) {
                invalid(setting, value, "must be a whole number, got '" + value + "'");
            }
            return (long) standIn(setting);
        }
    }

    /** {@link #whole} as an {@code int}; the declared bounds keep it in range. */
    public int integer(Setting setting) {
        return (int) whole(setting);
    }

    /** A number within the declared bounds. */
    public double decimal(Setting setting) {
        String value = runtime == Runtimes.LAMBDA ? Objects.requireNonNullElse(optional(setting), "") : text(setting);
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= setting.min() && parsed <= setting.max())) {
                invalid(setting, value, "must be between " + setting.min() + " and " + setting.max() + ", got "
                        + value);
                return standIn(setting);
            }
            return parsed;
        } catch (NumberFormatException e) {
            if (!value.isEmpty()) {
                invalid(setting, value, "must be a number, got '" + value + "'");
            }
            return standIn(setting);
        }
    }

    /** What a bad number reads as, so that reading goes on to find the other problems: the default, else the minimum. */
    private double standIn(Setting setting) {
        try {
            return Double.parseDouble(setting.defaultValue(runtime));
        } catch (NullPointerException | NumberFormatException e) {
            return setting.min();
        }
    }

    /** {@code true} or {@code false}, ignoring case. */
    public boolean flag(Setting setting) {
        String value = runtime == Runtimes.LAMBDA ? Objects.requireNonNullElse(optional(setting), "false")
                : text(setting);
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return lower.equals("true");
        }
        if (!value.isEmpty()) {
            invalid(setting, value, "must be true or false, got '" + value + "'");
        }
        return false;
    }

    /** One of the declared choices, lower case (returned even when it is none of them). */
    public String choice(Setting setting) {
        String value = text(setting);
        String lower = value.toLowerCase(Locale.ROOT);
        if (!value.isEmpty() && !setting.choices().contains(lower)) {
            invalid(setting, value, "must be one of " + String.join(", ", setting.choices()) + ", got '" + value
                    + "'");
        }
        return lower;
    }

    /** {@link #choice} as the constant of {@code type} of that name ({@code new-species}: {@code NEW_SPECIES}). */
    public <E extends Enum<E>> E choice(Setting setting, Class<E> type, E fallback) {
        String value = choice(setting);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return constant;
            }
        }
        return fallback;
    }

    /** Comma-separated distinct choices, at least one, in the order written (lower case). */
    public List<String> choices(Setting setting) {
        String value = text(setting);
        List<String> chosen = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String one = item.strip().toLowerCase(Locale.ROOT);
            if (one.isEmpty()) {
                if (!value.isEmpty()) {
                    problems.add(label(setting) + " has an empty item in '" + value + "'; write e.g. log,mqtt");
                }
            } else if (!setting.choices().contains(one)) {
                problems.add(label(setting) + " must be one or more of " + String.join(", ", setting.choices())
                        + ", got '" + item.strip() + "'");
            } else if (chosen.contains(one)) {
                problems.add(label(setting) + " names " + item.strip() + " twice in '" + value + "'");
            } else {
                chosen.add(one);
            }
        }
        return List.copyOf(chosen);
    }

    /** The non-blank comma-separated items, stripped; empty when unset. */
    public List<String> list(Setting setting) {
        String value = optional(setting);
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return List.copyOf(items);
    }

    /** An http(s) URL with a host, {@code null} when unset. */
    public URI url(Setting setting) {
        String value = optional(setting);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        invalid(setting, value, "must be a URL such as http://127.0.0.1:9000, got '" + value + "'");
        return null;
    }

    /** Seconds ({@code 900}) or ISO-8601 ({@code PT15M}), above 0 and within the declared bound. */
    public Duration duration(Setting setting) {
        Duration parsed = durationOrZero(setting);
        if (parsed != null && parsed.isZero()) {
            invalid(setting, optional(setting), "must be above 0, got " + optional(setting));
            return Duration.ofSeconds((long) setting.max());
        }
        return parsed;
    }

    /** As {@link #duration}, but {@code 0} turns the option off: {@code null}. */
    public Duration durationOrNone(Setting setting) {
        Duration parsed = durationOrZero(setting);
        return parsed == null || parsed.isZero() ? null : parsed;
    }

    private Duration durationOrZero(Setting setting) {
        String value = optional(setting);
        if (value == null) {
            return null;
        }
        Duration parsed = null;
        try {
            parsed = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // said below
        }
        if (parsed == null || parsed.isNegative() || parsed.compareTo(Duration.ofSeconds((long) setting.max())) > 0) {
            invalid(setting, value, "must be a duration in seconds or ISO-8601, above 0 and at most "
                    + (long) setting.max() + " seconds, got '" + value + "'");
            return Duration.ofSeconds((long) setting.max());
        }
        return parsed;
    }
}
