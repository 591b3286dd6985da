package org.fieldmark.wire.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * JSON text written with Jackson's {@link JsonGenerator}, for the adapters' payloads and the
 * bootstraps' log lines. Strings escape every control character and the line and paragraph
 * separators (U+2028, U+2029), so a value never breaks a log line; control characters other
 * than tab, newline and carriage return are written {@code &#92;u00xx}, as Fieldmark always wrote them.
 */
public final class JsonText {

    /** Writes one JSON value with the generator; text in memory never fails to write. */
    @FunctionalInterface
    public interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new LineSafeEscapes()).build();

    private JsonText() {
    }

    /** The JSON text that {@code writing} writes. */
    public static String writing(Writing writing) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /**
     * The JSON text of {@code value}: maps (keys in their order), collections, strings, booleans,
     * whole numbers ({@code Integer}, {@code Long}), finite doubles and null. Anything else,
     * non-finite doubles included, is written as its string.
     */
    public static String of(Object value) {
        return writing(json -> value(json, value));
    }

    /** Writes {@code value} as {@link #of(Object)} describes. */
    public static void value(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            json.writeNumber(d);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                json.writeFieldName(String.valueOf(field.getKey()));
                value(json, field.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                value(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }

    /** Jackson's standard escapes, but {@code &#92;u00xx} for control characters and U+2028/U+2029 escaped too. */
    private static final class LineSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] ascii = standardAsciiEscapesForJSON();

        LineSafeEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return c < 0x20 || c == '\u2028' || c == '\u2029' ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
