package org.fieldmark.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an identification reads as text. The default, {@link #WORKSHOP}, is byte-for-byte the text
 * the original workshop Lambda wrote:
 * <pre>
 * Bird [birds/card.jpg] is a: Northern Cardinal(0.94)
 * Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)
 * </pre>
 * Placeholders in the three message templates: {@code {key}} and {@code {predictions}}.
 * Placeholders in the prediction template: {@code {name}} (display name), {@code {scientific}}
 * (scientific name, or the display name when the catalog has none), {@code {probability}}
 * (two decimals, as Python prints them), {@code {percent}} (whole percent) and {@code {rank}}.
 * Templates are parsed once; an unknown placeholder or an unclosed brace is an error at
 * construction. Values are substituted in a single pass, so a key that contains {@code {name}}
 * is printed as it is.
 *
 * @param confident  message when the top probability is above the threshold; {@code {predictions}}
 *                   holds only the top prediction
 * @param uncertain  message otherwise; {@code {predictions}} holds the top K joined by the separator
 * @param noBird     message when the top class is "not a bird" (e.g. {@code background});
 *                   {@code {predictions}} holds the top K
 * @param prediction how one prediction reads
 * @param separator  what joins predictions in the uncertain message
 */
public record MessageTemplate(String confident, String uncertain, String noBird, String prediction,
                              String separator) {

    private static final Set<String> MESSAGE_PLACEHOLDERS = Set.of("key", "predictions");
    private static final Set<String> PREDICTION_PLACEHOLDERS =
            Set.of("name", "scientific", "probability", "percent", "rank");

    /** The original workshop Lambda's wording. */
    public static final MessageTemplate WORKSHOP = new MessageTemplate(
            "Bird [{key}] is a: {predictions}",
            "Bird [{key}] may be a: {predictions}",
            "No bird recognised in [{key}]",
            "{name}({probability})",
            ", or ");

    public MessageTemplate {
        Objects.requireNonNull(separator, "separator");
        List<String> problems = new ArrayList<>();
        check("confident", confident, MESSAGE_PLACEHOLDERS, problems);
        check("uncertain", uncertain, MESSAGE_PLACEHOLDERS, problems);
        check("noBird", noBird, MESSAGE_PLACEHOLDERS, problems);
        check("prediction", prediction, PREDICTION_PLACEHOLDERS, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("message template is invalid: " + String.join("; ", problems));
        }
    }

    /** This template with another prediction format, e.g. {@code "{scientific} ({probability})"}. */
    public MessageTemplate withPrediction(String newPrediction) {
        return new MessageTemplate(confident, uncertain, noBird, newPrediction, separator);
    }

    String render(Kind kind, String key, List<RankedPrediction> predictions) {
        String template = switch (kind) {
            case CONFIDENT -> confident;
            case UNCERTAIN -> uncertain;
            case NO_BIRD -> noBird;
        };
        StringBuilder out = new StringBuilder(template.length() + key.length() + 32 * predictions.size());
        // Values go straight into the output and are never scanned again: a key or a name that
        // contains "{name}" is printed as it is.
        substitute(template, out, (o, t, start, end) -> {
            if (named(t, start, end, "key")) {
                o.append(key);
            } else {
                appendPredictions(o, predictions);
            }
        });
        return out.toString();
    }

    private void appendPredictions(StringBuilder out, List<RankedPrediction> predictions) {
        for (int i = 0; i < predictions.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            RankedPrediction p = predictions.get(i);
            substitute(prediction, out, (o, t, start, end) -> {
                if (named(t, start, end, "name")) {
                    o.append(p.name());
                } else if (named(t, start, end, "scientific")) {
                    o.append(p.scientificName() != null ? p.scientificName() : p.name());
                } else if (named(t, start, end, "probability")) {
                    ProbabilityFormat.appendTwoDecimals(o, p.probability());
                } else if (named(t, start, end, "percent")) {
                    o.append(Math.round(p.probability() * 100));
                } else if (named(t, start, end, "rank")) {
                    o.append(p.rank());
                } else {
                    throw new IllegalStateException("unchecked placeholder {" + t.substring(start, end) + "}");
                }
            });
        }
    }

    enum Kind { CONFIDENT, UNCERTAIN, NO_BIRD }

    /** Appends the value of the placeholder named {@code template[start, end)}. */
    private interface Placeholders {
        void append(StringBuilder out, String template, int start, int end);
    }

    /**
     * Copies a validated template into {@code out}, replacing each placeholder. Names are matched
     * in place rather than cut out as strings: this runs for every message.
     */
    private static void substitute(String template, StringBuilder out, Placeholders values) {
        int i = 0;
        int n = template.length();
        while (i < n) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, n);
                return;
            }
            out.append(template, i, open);
            int close = template.indexOf('}', open);
            values.append(out, template, open + 1, close);
            i = close + 1;
        }
    }

    private static boolean named(String template, int start, int end, String name) {
        return end - start == name.length() && template.startsWith(name, start);
    }

    private static void check(String field, String template, Set<String> allowed, List<String> problems) {
        if (template == null) {
            problems.add(field + " template is missing");
            return;
        }
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                problems.add(field + " template has '}' without '{' at " + i + ": " + template);
                return;
            }
            if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    problems.add(field + " template has an unclosed '{' at " + i + ": " + template);
                    return;
                }
                String name = template.substring(i + 1, close);
                if (!allowed.contains(name)) {
                    problems.add(field + " template has unknown placeholder {" + name + "}; allowed: "
                            + String.join(", ", allowed.stream().sorted().map(p -> "{" + p + "}").toList()));
                }
                i = close + 1;
            } else {
                i++;
            }
        }
    }
}
