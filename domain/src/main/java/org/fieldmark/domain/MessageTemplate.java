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
        StringBuilder joined = new StringBuilder(32 * predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            if (i > 0) {
                joined.append(separator);
            }
            appendPrediction(joined, predictions.get(i));
        }
        String template = switch (kind) {
            case CONFIDENT -> confident;
            case UNCERTAIN -> uncertain;
            case NO_BIRD -> noBird;
        };
        StringBuilder out = new StringBuilder(template.length() + key.length() + joined.length());
        substitute(template, out, name -> name.equals("key") ? key : joined);
        return out.toString();
    }

    private void appendPrediction(StringBuilder out, RankedPrediction p) {
        substitute(prediction, out, name -> switch (name) {
            case "name" -> p.name();
            case "scientific" -> p.scientificName() != null ? p.scientificName() : p.name();
            case "probability" -> ProbabilityFormat.twoDecimals(p.probability());
            case "percent" -> Long.toString(Math.round(p.probability() * 100));
            case "rank" -> Integer.toString(p.rank());
            default -> throw new IllegalStateException("unchecked placeholder {" + name + "}");
        });
    }

    enum Kind { CONFIDENT, UNCERTAIN, NO_BIRD }

    private interface Values {
        CharSequence of(String placeholder);
    }

    private static void substitute(String template, StringBuilder out, Values values) {
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{') {
                int close = template.indexOf('}', i);
                out.append(values.of(template.substring(i + 1, close)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
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
