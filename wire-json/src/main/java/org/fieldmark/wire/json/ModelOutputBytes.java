package org.fieldmark.wire.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * The quick way through a model's answer as the UTF-8 bytes it arrived in: Jackson's byte parser
 * over the accepted shapes, with no decoding into a {@code String} first. It answers only when the
 * answer is usable and says {@code null} otherwise; {@link ModelOutputJson#parse(byte[])} then reads
 * the text the careful way, which words the problem (or, for bytes that are not valid UTF-8 where
 * it does not matter, reads them as the text decoding makes of them). So both ways give the same
 * vector or the same error by construction.
 */
final class ModelOutputBytes {

    private final JsonParser parser;

    private ModelOutputBytes(JsonParser parser) {
        this.parser = parser;
    }

    /** The vector, or {@code null} when the careful reading must decide. */
    static double[] read(JsonFactory factory, byte[] utf8) {
        int start = 0;
        while (start < utf8.length && (utf8[start] == ' ' || utf8[start] == '\t' || utf8[start] == '\n'
                || utf8[start] == '\r')) {
            start++;
        }
        // A byte-order mark or anything else first: the text reading refuses it in its own words.
        if (start == utf8.length || utf8[start] != '[' && utf8[start] != '{') {
            return null;
        }
        try (JsonParser parser = factory.createParser(utf8)) {
            ModelOutputBytes reading = new ModelOutputBytes(parser);
            JsonToken first = parser.nextToken();
            double[] vector = first == JsonToken.START_ARRAY ? reading.arrayOrBatch() : reading.object();
            return vector != null && parser.nextToken() == null ? vector : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private double[] object() throws IOException {
        double[] vector = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (vector == null && (name.equals("predictions") || name.equals("probabilities"))) {
                if (value != JsonToken.START_ARRAY) {
                    return null;
                }
                vector = arrayOrBatch();
                if (vector == null) {
                    return null;
                }
            } else {
                parser.skipChildren();
            }
        }
        return vector;
    }

    private double[] arrayOrBatch() throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_ARRAY) {
            return numbers(token);
        }
        double[] inner = numbers(parser.nextToken());
        return inner != null && parser.nextToken() == JsonToken.END_ARRAY ? inner : null;
    }

    private double[] numbers(JsonToken first) throws IOException {
        if (first == JsonToken.END_ARRAY) {
            return new double[0];
        }
        double[] values = new double[1024];
        int count = 0;
        for (JsonToken token = first; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value) && !ModelOutputJson.spelledAsNumberOrByPython(parser.getText())) {
                    return null;
                }
                values[count++] = value;
            } else if (token == JsonToken.VALUE_NUMBER_INT) {
                double value = parser.getDoubleValue();
                // Jackson reads -0 as the integer 0; the answer meant the double -0.0.
                values[count++] = value == 0 && parser.getTextCharacters()[parser.getTextOffset()] == '-' ? -0.0 : value;
            } else {
                return null;
            }
        }
        return Arrays.copyOf(values, count);
    }
}
