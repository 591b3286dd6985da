package org.fieldmark.adapter.aws.s3;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.wire.json.JsonText;

/**
 * The JSON of the S3 bird log's objects, written with Jackson's generator ({@link JsonText}) and
 * read back with its streaming parser as flat objects (strings, numbers, booleans, null), which
 * is all these objects hold. Doubles are written in Java's shortest exact form, so they read back bit for bit.
 * A located bird's region is six flat fields ({@code regionX} ... {@code regionImageHeight}),
 * written only when there is one: objects written before birds were located read as before.
 */
final class SightingJson {

    /** The object format; bumped if fields change meaning. */
    static final int FORMAT = 1;

    private SightingJson() {
    }

    static String write(Sighting s) {
        return JsonText.writing(json -> {
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeStringField("id", s.id());
            json.writeStringField("time", s.time().toString());
            json.writeStringField("sourceKey", s.sourceKey());
            json.writeStringField("source", s.source());
            json.writeStringField("scientificName", s.scientificName());
            json.writeStringField("displayName", s.displayName());
            json.writeNumberField("probability", s.probability());
            json.writeBooleanField("confident", s.confident());
            json.writeBooleanField("notified", s.notified());
            json.writeStringField("reason", s.reason());
            json.writeStringField("reviewScientificName", s.review() == null ? null : s.review().scientificName());
            json.writeBooleanField("reviewNotABird", s.review() != null && s.review().notABird());
            Region region = s.region();
            if (region != null) {
                json.writeNumberField("regionX", region.x());
                json.writeNumberField("regionY", region.y());
                json.writeNumberField("regionWidth", region.width());
                json.writeNumberField("regionHeight", region.height());
                json.writeNumberField("regionImageWidth", region.imageWidth());
                json.writeNumberField("regionImageHeight", region.imageHeight());
            }
            json.writeEndObject();
        });
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
                bool(json, "confident"), bool(json, "notified"), string(json, "reason"), review, region(json));
    }

    /** The region's six fields, or {@code null} when the object has none (all absent or null). */
    private static Region region(Map<String, Object> json) {
        if (json.get("regionX") == null) {
            return null;
        }
        return new Region(integer(json, "regionX"), integer(json, "regionY"), integer(json, "regionWidth"),
                integer(json, "regionHeight"), integer(json, "regionImageWidth"), integer(json, "regionImageHeight"));
    }

    private static int integer(Map<String, Object> json, String name) {
        double value = number(json, name);
        if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field '" + name + "' must be a whole number, was " + value);
        }
        return (int) value;
    }

    static String writeIndex(String key) {
        return JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("key", key);
            json.writeEndObject();
        });
    }

    static String readIndex(String text) {
        return string(FlatJson.parse(text), "key");
    }

    /** The earliest sighting of a species. */
    record Marker(String species, Instant first, String id) {
    }

    static String writeMarker(Marker marker) {
        return JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("species", marker.species());
            json.writeStringField("first", marker.first().toString());
            json.writeStringField("id", marker.id());
            json.writeEndObject();
        });
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

    /** The fields of one flat JSON object: strings, numbers as doubles, booleans and nulls. */
    static final class FlatJson {

        private static final JsonFactory FACTORY = new JsonFactory();

        private FlatJson() {
        }

        /** @throws IllegalArgumentException when the text is not a flat JSON object */
        static Map<String, Object> parse(String text) {
            try (JsonParser parser = FACTORY.createParser(text)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("expected '{': the text is JSON but not an object");
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    fields.put(name, value(name, parser, parser.nextToken()));
                }
                return fields;
            } catch (IOException e) {
                throw new IllegalArgumentException("not JSON: " + reason(e), e);
            }
        }

        /** The parser's own first line, without the location it appends. */
        private static String reason(IOException e) {
            String message = e instanceof JsonProcessingException p ? p.getOriginalMessage()
                    : String.valueOf(e.getMessage());
            int line = message.indexOf('\n');
            return (line < 0 ? message : message.substring(0, line)).strip();
        }

        private static Object value(String name, JsonParser parser, JsonToken token) throws IOException {
            return switch (token) {
                case VALUE_STRING -> parser.getText();
                case VALUE_TRUE, VALUE_FALSE -> token == JsonToken.VALUE_TRUE;
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Double.parseDouble(parser.getText());
                default -> throw new IllegalArgumentException("field '" + name + "' is an object or array; a sighting's"
                        + " fields are strings, numbers, true, false or null");
            };
        }
    }
}
