package org.fieldmark.domain;

import java.util.Arrays;

/**
 * Reads a model's JSON answer into a probability vector. Accepted shapes: a plain array of
 * numbers ({@code [0.1, 0.9]}, what the SageMaker image-classification container returns), an
 * object with a {@code predictions} or {@code probabilities} array, and either of those wrapped
 * in a batch of one ({@code [[0.1, 0.9]]}). {@code NaN} and {@code Infinity}, which Python's
 * {@code json.dumps} writes, are read as numbers so the caller can reject them by class index.
 * Everything else is a {@link ModelOutputException} that quotes the start of what came back.
 */
public final class ModelOutputJson {

    private static final int SNIPPET = 120;
    /** Deeper nesting than this in fields we skip is refused rather than risking the stack. */
    static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int depth;

    private ModelOutputJson(String text) {
        this.text = text;
    }

    /** Parses the model's answer; see the class comment for the accepted shapes. */
    public static double[] parse(String json) {
        if (json == null || json.isBlank()) {
            throw new ModelOutputException("model output is empty; expected a JSON array of probabilities");
        }
        ModelOutputJson parser = new ModelOutputJson(json);
        double[] vector = parser.document();
        parser.skipWhitespace();
        if (parser.pos != json.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return vector;
    }

    private double[] document() {
        skipWhitespace();
        char c = peek();
        if (c == '[') {
            return arrayOrBatch();
        }
        if (c == '{') {
            return object();
        }
        throw error("expected a JSON array of probabilities or an object with 'predictions' or 'probabilities'");
    }

    private double[] object() {
        expect('{');
        double[] found = null;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                String name = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                if ((name.equals("predictions") || name.equals("probabilities")) && found == null) {
                    if (peek() != '[') {
                        throw error("'" + name + "' must be an array of numbers");
                    }
                    found = arrayOrBatch();
                } else {
                    skipValue();
                }
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}' in object");
                }
            }
        }
        if (found == null) {
            throw error("JSON object has no 'predictions' or 'probabilities' array");
        }
        return found;
    }

    private double[] arrayOrBatch() {
        int start = pos;
        expect('[');
        skipWhitespace();
        if (peek() == '[') {
            double[] inner = numbers();
            skipWhitespace();
            if (peek() != ']') {
                pos = start;
                throw error("expected a batch of exactly one probability vector");
            }
            pos++;
            return inner;
        }
        pos = start;
        return numbers();
    }

    private double[] numbers() {
        expect('[');
        double[] values = new double[64];
        int count = 0;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new double[0];
        }
        while (true) {
            skipWhitespace();
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[count++] = number();
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return Arrays.copyOf(values, count);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' after class " + (count - 1));
            }
        }
    }

    private double number() {
        if (text.startsWith("NaN", pos)) {
            pos += 3;
            return Double.NaN;
        }
        if (text.startsWith("Infinity", pos)) {
            pos += 8;
            return Double.POSITIVE_INFINITY;
        }
        if (text.startsWith("-Infinity", pos)) {
            pos += 9;
            return Double.NEGATIVE_INFINITY;
        }
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        int digits = digits();
        if (digits == 0) {
            pos = start;
            throw error("expected a number");
        }
        if (digits > 1 && text.charAt(pos - digits) == '0') {
            pos = start;
            throw error("a JSON number has no leading zeros");
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            if (digits() == 0) {
                pos = start;
                throw error("expected digits after the decimal point");
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                pos = start;
                throw error("expected digits in the exponent");
            }
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char e = text.charAt(pos++);
                if (e == 'u') {
                    if (pos + 4 > text.length()) {
                        throw error("bad \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos + i), 16);
                        if (digit < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                    pos += 4;
                } else {
                    out.append(e);
                }
            } else {
                out.append(c);
            }
        }
    }

    private void skipValue() {
        char c = peek();
        if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            skipValueAt(c);
        } finally {
            if (c == '{' || c == '[') {
                depth--;
            }
        }
    }

    private void skipValueAt(char c) {
        switch (c) {
            case '{' -> {
                pos++;
                skipWhitespace();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                while (true) {
                    skipWhitespace();
                    string();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    skipValue();
                    skipWhitespace();
                    char d = next();
                    if (d == '}') {
                        return;
                    }
                    if (d != ',') {
                        pos--;
                        throw error("expected ',' or '}' in object");
                    }
                }
            }
            case '[' -> {
                pos++;
                skipWhitespace();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    skipWhitespace();
                    skipValue();
                    skipWhitespace();
                    char d = next();
                    if (d == ']') {
                        return;
                    }
                    if (d != ',') {
                        pos--;
                        throw error("expected ',' or ']' in array");
                    }
                }
            }
            case '"' -> string();
            default -> {
                for (String literal : new String[] {"true", "false", "null"}) {
                    if (text.startsWith(literal, pos)) {
                        pos += literal.length();
                        return;
                    }
                }
                number();
            }
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of output");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private ModelOutputException error(String what) {
        String snippet = text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
        return new ModelOutputException("model output is not a usable JSON probability vector: " + what
                + " at offset " + Math.min(pos, text.length()) + "; output starts: " + snippet);
    }
}
