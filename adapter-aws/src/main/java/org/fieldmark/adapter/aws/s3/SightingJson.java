package org.fieldmark.adapter.aws.s3;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.application.json.JsonWriter;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;

/**
 * The JSON of the S3 bird log's objects: written with the application's {@link JsonWriter},
 * read back with a reader for flat objects (strings, numbers, booleans, null), which is all these
 * objects hold. Doubles are written in Java's shortest exact form, so they read back bit for bit.
 */
final class SightingJson {

    /** The object format; bumped if fields change meaning. */
    static final int FORMAT = 1;

    private SightingJson() {
    }

    static String write(Sighting s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("id", s.id());
        json.put("time", s.time().toString());
        json.put("sourceKey", s.sourceKey());
        json.put("source", s.source());
        json.put("scientificName", s.scientificName());
        json.put("displayName", s.displayName());
        json.put("probability", s.probability());
        json.put("confident", s.confident());
        json.put("notified", s.notified());
        json.put("reason", s.reason());
        json.put("reviewScientificName", s.review() == null ? null : s.review().scientificName());
        json.put("reviewNotABird", s.review() != null && s.review().notABird());
        return JsonWriter.write(json);
    }

    /**
     * The sighting in {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Sighting read(String text) {
        Map<String, Object> json = FlatJson.parse(text);
        String reviewName = optionalString(json, "reviewScientificName");
        Review review = bool(json, "reviewNotABird") ? Review.notABirdAtAll()
                : reviewName != null ? Review.species(reviewName) : null;
        return new Sighting(string(json, "id"), time(json, "time"), string(json, "sourceKey"), string(json, "source"),
                string(json, "scientificName"), string(json, "displayName"), number(json, "probability"),
                bool(json, "confident"), bool(json, "notified"), string(json, "reason"), review);
    }

    static String writeIndex(String key) {
        return JsonWriter.write(Map.of("key", key));
    }

    static String readIndex(String text) {
        return string(FlatJson.parse(text), "key");
    }

    /** The earliest sighting of a species. */
    record Marker(String species, Instant first, String id) {
    }

    static String writeMarker(Marker marker) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("species", marker.species());
        json.put("first", marker.first().toString());
        json.put("id", marker.id());
        return JsonWriter.write(json);
    }

    static Marker readMarker(String text) {
        Map<String, Object> json = FlatJson.parse(text);
        return new Marker(string(json, "species"), time(json, "first"), string(json, "id"));
    }

    private static Object field(Map<String, Object> json, String name) {
        if (!json.containsKey(name)) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return json.get(name);
    }

    private static String string(Map<String, Object> json, String name) {
        if (field(json, name) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("field '" + name + "' must be a string");
    }

    private static String optionalString(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("field '" + name + "' must be a string or null");
    }

    private static boolean bool(Map<String, Object> json, String name) {
        if (field(json, name) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("field '" + name + "' must be true or false");
    }

    private static double number(Map<String, Object> json, String name) {
        if (field(json, name) instanceof Double d) {
            return d;
        }
        throw new IllegalArgumentException("field '" + name + "' must be a number");
    }

    private static Instant time(Map<String, Object> json, String name) {
        try {
            return Instant.parse(string(json, name));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + name + "' is not an ISO-8601 instant", e);
        }
    }

    /** A reader for one flat JSON object. */
    static final class FlatJson {

        private final String text;
        private int pos;

        private FlatJson(String text) {
            this.text = text;
        }

        static Map<String, Object> parse(String text) {
            FlatJson reader = new FlatJson(text);
            Map<String, Object> fields = reader.object();
            reader.space();
            if (reader.pos != text.length()) {
                throw reader.error("unexpected text after the object");
            }
            return fields;
        }

        private Map<String, Object> object() {
            Map<String, Object> fields = new LinkedHashMap<>();
            space();
            expect('{');
            space();
            if (peek() == '}') {
                pos++;
                return fields;
            }
            while (true) {
                space();
                String name = string();
                space();
                expect(':');
                space();
                fields.put(name, value());
                space();
                char c = next();
                if (c == '}') {
                    return fields;
                }
                if (c != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (text.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a string, number, true, false or null (nested values are not used here)");
            }
            try {
                return Double.parseDouble(text.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("not a number");
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case '"', '\\', '/' -> out.append(e);
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            if (pos + 4 > text.length()) {
                                throw error("truncated \\u escape");
                            }
                            try {
                                out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("bad \\u escape");
                            }
                            pos += 4;
                        }
                        default -> throw error("bad escape '\\" + e + "'");
                    }
                } else if (c < 0x20) {
                    throw error("control character in a string");
                } else {
                    out.append(c);
                }
            }
        }

        private void space() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end");
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

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos + " of JSON starting '"
                    + text.substring(0, Math.min(60, text.length())) + "'");
        }
    }
}
