package org.fieldmark.wire.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fieldmark.domain.ModelOutputException;

/**
 * Reads a model's JSON answer into a probability vector, with Jackson's streaming parser (and
 * its fast double parsing). Accepted shapes: a plain array of numbers ({@code [0.1, 0.9]}, what
 * the SageMaker image-classification container returns), an object with a {@code predictions}
 * or {@code probabilities} array, and either of those wrapped in a batch of one
 * ({@code [[0.1, 0.9]]}). {@code NaN} and {@code Infinity}, which Python's {@code json.dumps}
 * writes, are read as numbers so the caller can reject them by class index. Everything else is
 * a {@link ModelOutputException} that says what was expected where, and quotes the start of what
 * came back ({@link ModelOutputProblem} turns the parser's complaints into those words).
 */
public final class ModelOutputJson {

    /** Deeper nesting than this in fields we skip is refused rather than risking the stack. */
    static final int MAX_DEPTH = 512;

    /**
     * Lenient where a model server may be (raw control characters and any escaped character in
     * strings we skip, NaN and the infinities), without length limits on what it sends: the
     * answers are bounded by the adapters' body limits. The root object is one level deeper.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private final String text;
    private final JsonParser parser;
    /** Classes read so far in the vector being read, for "after class N". */
    private int count;
    private boolean found;

    private ModelOutputJson(String text, JsonParser parser) {
        this.text = text;
        this.parser = parser;
    }

    /** Parses the model's answer; see the class comment for the accepted shapes. */
    public static double[] parse(String json) {
        if (json == null || json.isBlank()) {
            throw new ModelOutputException("model output is empty; expected a JSON array of probabilities");
        }
        ModelOutputProblem problem = new ModelOutputProblem(json);
        int start = problem.skipWhitespace(0);
        char first = json.charAt(start);
        if (first != '[' && first != '{') {
            throw problem.at(start,
                    "expected a JSON array of probabilities or an object with 'predictions' or 'probabilities'");
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            ModelOutputJson reading = new ModelOutputJson(json, parser);
            double[] vector = reading.document(problem, start);
            int rest = problem.skipWhitespace((int) parser.currentLocation().getCharOffset());
            if (rest != json.length()) {
                throw problem.at(rest, "unexpected text after the JSON value");
            }
            return vector;
        } catch (IOException e) {
            throw problem.at(json.length(), "unreadable: " + e.getMessage());
        }
    }

    /**
     * Parses the model's answer as the UTF-8 bytes it arrived in: the same vector, or the same
     * error, as {@link #parse(String)} of their text, without decoding them first when they are usable.
     * Three readings, quickest first, each saying {@code null} where it cannot answer: the split of
     * a common shape ({@link ModelOutputSplit}), Jackson's byte parser ({@link ModelOutputBytes}),
     * and the text reading, which words every problem.
     */
    public static double[] parse(byte[] utf8) {
        if (utf8 == null) {
            return parse((String) null);
        }
        double[] vector = ModelOutputSplit.read(utf8);
        if (vector == null) {
            vector = ModelOutputBytes.read(FACTORY, utf8);
        }
        return vector != null ? vector : parse(new String(utf8, StandardCharsets.UTF_8));
    }

    private double[] document(ModelOutputProblem problem, int start) throws IOException {
        JsonToken token = parser.nextToken();
        return token == JsonToken.START_ARRAY ? arrayOrBatch(problem, start) : object(problem);
    }

    private double[] object(ModelOutputProblem problem) throws IOException {
        double[] vector = null;
        JsonToken token = next(problem, Where.FIELD);
        while (token != JsonToken.END_OBJECT) {
            String name = parser.currentName();
            if (vector == null && wanted(name)) {
                // The value's first token was read with the name: this only hands it over.
                JsonToken value = parser.nextToken();
                int at = tokenStart();
                if (value != JsonToken.START_ARRAY) {
                    throw problem.at(at, "'" + name + "' must be an array of numbers");
                }
                vector = arrayOrBatch(problem, at);
                found = true;
            } else {
                parser.nextToken();
                skip(problem);
            }
            token = next(problem, Where.FIELD);
        }
        if (vector == null) {
            throw problem.at((int) parser.currentLocation().getCharOffset(),
                    "JSON object has no 'predictions' or 'probabilities' array");
        }
        return vector;
    }

    private static boolean wanted(String name) {
        return name.equals("predictions") || name.equals("probabilities");
    }

    private double[] arrayOrBatch(ModelOutputProblem problem, int start) throws IOException {
        count = 0;
        JsonToken token = next(problem, Where.VECTOR);
        if (token != JsonToken.START_ARRAY) {
            return numbers(problem, token);
        }
        double[] inner = numbers(problem, next(problem, Where.VECTOR));
        int after = problem.skipWhitespace((int) parser.currentLocation().getCharOffset());
        if (after == text.length()) {
            throw problem.at(after, "unexpected end of output");
        }
        if (text.charAt(after) != ']') {
            throw problem.at(start, "expected a batch of exactly one probability vector");
        }
        parser.nextToken();
        return inner;
    }

    private double[] numbers(ModelOutputProblem problem, JsonToken first) throws IOException {
        if (first == JsonToken.END_ARRAY) {
            return new double[0];
        }
        double[] values = new double[64];
        JsonToken token = first;
        while (true) {
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[count++] = number(problem, token);
            token = next(problem, Where.VECTOR_NEXT);
            if (token == JsonToken.END_ARRAY) {
                return Arrays.copyOf(values, count);
            }
        }
    }

    private double number(ModelOutputProblem problem, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            if (Double.isFinite(value) || spelledAsNumberOrByPython(parser.getText())) {
                return value;
            }
        } else if (token == JsonToken.VALUE_NUMBER_INT) {
            double value = parser.getDoubleValue();
            // Jackson reads -0 as the integer 0; the answer meant the double -0.0.
            return value == 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-' ? -0.0 : value;
        }
        throw problem.at(tokenStart(), "expected a number");
    }

    /**
     * A number too large for a double (read as an infinity, for the rules to reject by class), or
     * a spelling Python's json.dumps writes; Jackson also knows INF and +Infinity, which are refused.
     */
    static boolean spelledAsNumberOrByPython(String spelling) {
        char first = spelling.charAt(spelling.charAt(0) == '-' && spelling.length() > 1 ? 1 : 0);
        return (first >= '0' && first <= '9')
                || spelling.equals("NaN") || spelling.equals("Infinity") || spelling.equals("-Infinity");
    }

    private void skip(ModelOutputProblem problem) throws IOException {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw problem.of(e, Where.SKIP, count, parser.getParsingContext().inArray(), null);
        }
    }

    private JsonToken next(ModelOutputProblem problem, Where where) throws IOException {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            String name = where == Where.FIELD && !found ? parser.currentName() : null;
            throw problem.of(e, where, count, parser.getParsingContext().inArray(), name != null && wanted(name) ? name : null);
        }
    }

    private int tokenStart() {
        return (int) parser.currentTokenLocation().getCharOffset();
    }

    /** What the parser was reading when it complained. */
    enum Where {
        /** A field name, its value's start, or the end of the object. */
        FIELD,
        /** A skipped value's inside. */
        SKIP,
        /** The vector's first number (or a batch's inner array). */
        VECTOR,
        /** The comma or bracket after a number, and the number after a comma. */
        VECTOR_NEXT
    }
}
