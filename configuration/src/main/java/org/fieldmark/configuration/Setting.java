package org.fieldmark.configuration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One option, declared once for every runtime that reads it: its dotted name (the server's config
 * file key and {@code --name=value} flag), the server's and the Lambda's environment variable, its
 * type and bounds, its default per runtime, a one-line doc, and the hint the Lambda's problems end
 * with ("set it to ..."). Immutable; the {@code with...} methods are for declaring.
 */
public final class Setting {

    /** How the text of a value is read. */
    public enum Type { TEXT, WHOLE, DECIMAL, FLAG, CHOICE, URL, DURATION, LIST }

    private final String name;
    private final String env;
    private final String lambdaEnv;
    private final Runtimes runtimes;
    private final Type type;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final String serverDefault;
    private final String lambdaDefault;
    private final String doc;
    private final String hint;

    private Setting(String name, String env, String lambdaEnv, Runtimes runtimes, Type type, double min, double max,
                    List<String> choices, String serverDefault, String lambdaDefault, String doc, String hint) {
        this.name = Objects.requireNonNull(name, "name");
        this.env = env;
        this.lambdaEnv = lambdaEnv;
        this.runtimes = Objects.requireNonNull(runtimes, "runtimes");
        this.type = Objects.requireNonNull(type, "type");
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.serverDefault = serverDefault;
        this.lambdaDefault = lambdaDefault;
        this.doc = Objects.requireNonNull(doc, "doc");
        this.hint = hint;
    }

    /** An option of the server only; its variable is {@code FIELDMARK_} and the name in capitals. */
    static Setting server(String name, String doc) {
        return new Setting(name, envName(name), null, Runtimes.SERVER, Type.TEXT, 0, 0, List.of(), null, null, doc,
                null);
    }

    /** An option both runtimes read; the Lambda's variable is {@code lambdaEnv}. */
    static Setting both(String name, String lambdaEnv, String doc) {
        return new Setting(name, envName(name), lambdaEnv, Runtimes.BOTH, Type.TEXT, 0, 0, List.of(), null, null, doc,
                null);
    }

    /** An option of the Lambda functions only. */
    static Setting lambda(String name, String lambdaEnv, String doc) {
        return new Setting(name, null, lambdaEnv, Runtimes.LAMBDA, Type.TEXT, 0, 0, List.of(), null, null, doc, null);
    }

    static String envName(String name) {
        return "FIELDMARK_" + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The server reads this variable instead of the {@code FIELDMARK_} one (the workshop's and AWS's names). */
    Setting withEnv(String variable) {
        return new Setting(name, variable, lambdaEnv, runtimes, type, min, max, choices, serverDefault, lambdaDefault,
                doc, hint);
    }

    Setting whole(long lowest, long highest) {
        return typed(Type.WHOLE, lowest, highest, choices);
    }

    Setting decimal(double lowest, double highest) {
        return typed(Type.DECIMAL, lowest, highest, choices);
    }

    Setting flag() {
        return typed(Type.FLAG, 0, 0, List.of("true", "false"));
    }

    Setting choice(String... allowed) {
        return typed(Type.CHOICE, 0, 0, List.of(allowed));
    }

    Setting url() {
        return typed(Type.URL, 0, 0, choices);
    }

    /** Comma-separated items; bounds and choices declared before apply to each item. */
    Setting list() {
        return typed(Type.LIST, min, max, choices);
    }

    /** Seconds ({@code 900}) or ISO-8601 ({@code PT15M}), at most {@code maxSeconds}. */
    Setting duration(long maxSeconds) {
        return typed(Type.DURATION, 0, maxSeconds, choices);
    }

    /** The default of every runtime that reads it. */
    Setting byDefault(String value) {
        return new Setting(name, env, lambdaEnv, runtimes, type, min, max, choices, value, value, doc, hint);
    }

    /** The Lambda's default where it differs from the server's. */
    Setting lambdaDefault(String value) {
        return new Setting(name, env, lambdaEnv, runtimes, type, min, max, choices, serverDefault, value, doc, hint);
    }

    /** What the Lambda's problem tells to set, e.g. {@code a number between 0 and 1, e.g. 0.70}. */
    Setting hint(String text) {
        return new Setting(name, env, lambdaEnv, runtimes, type, min, max, choices, serverDefault, lambdaDefault, doc,
                text);
    }

    private Setting typed(Type newType, double lowest, double highest, List<String> allowed) {
        return new Setting(name, env, lambdaEnv, runtimes, newType, lowest, highest, allowed, serverDefault,
                lambdaDefault, doc, hint);
    }

    /** The dotted name, e.g. {@code identification.top-k}. */
    public String name() {
        return name;
    }

    /** The server's environment variable, {@code null} for a Lambda-only option. */
    public String env() {
        return env;
    }

    /** The Lambda's environment variable, {@code null} for a server-only option. */
    public String lambdaEnv() {
        return lambdaEnv;
    }

    public Runtimes runtimes() {
        return runtimes;
    }

    public Type type() {
        return type;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** The allowed values of a {@link Type#CHOICE}, lower case. */
    public List<String> choices() {
        return choices;
    }

    /** The default as text in {@code runtime}, {@code null} when there is none. */
    public String defaultValue(Runtimes runtime) {
        return runtime == Runtimes.LAMBDA ? lambdaDefault : serverDefault;
    }

    /** What it does, one line. */
    public String doc() {
        return doc;
    }

    /** What to set it to: the declared hint, else one said by its type and bounds. */
    public String hint() {
        if (hint != null) {
            return hint;
        }
        return switch (type) {
            case WHOLE -> "a whole number from " + (long) min + " to " + (long) max;
            case DECIMAL -> "a number between " + bound(min) + " and " + bound(max)
                    + (example() == null ? "" : ", e.g. " + example());
            case FLAG -> "true or false";
            case CHOICE -> String.join(", ", choices.subList(0, choices.size() - 1)) + " or "
                    + choices.get(choices.size() - 1);
            case URL -> "an http(s) URL such as http://127.0.0.1:4566, or unset it";
            case DURATION -> "a duration in seconds (e.g. 900) or ISO-8601 (e.g. PT15M), above 0 and at most "
                    + (long) max + " seconds";
            default -> "a value: " + doc;
        };
    }

    private String example() {
        return lambdaDefault != null ? lambdaDefault : serverDefault;
    }

    /** The name a runtime's problems use: the dotted name for the server, the variable for the Lambda. */
    public String label(Runtimes runtime) {
        return runtime == Runtimes.LAMBDA ? lambdaEnv : name;
    }

    private static String bound(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
