package org.fieldmark.adapter.aws.s3;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.application.json.JsonWriter;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The JSON of the S3 bird log's objects: written with the application's {@link JsonWriter},
 * read back with a reader for flat objects (strings, numbers, booleans, null), which is all these
 * objects hold. Doubles are written in Java's shortest exact form, so they read back bit for bit.
 * A located bird's region is six flat fields ({@code regionX} ... {@code regionImageHeight}),
 * written only when there is one: objects written before birds were located read as before.
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
        Region region = s.region();
        if (region != null) {
            json.put("regionX", region.x());
            json.put("regionY", region.y());
            json.put("regionWidth", region.width());
            json.put("regionHeight", region.height());
            json.put("regionImageWidth", region.imageWidth());
            json.put("regionImageHeight", region.imageHeight());
        }
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

    /**
     * The fields of one flat JSON object, read with the SDK's own small JSON reader (the SQS
     * handler reads its bodies with it too): strings, numbers as doubles, booleans and nulls.
     */
    static final class FlatJson {

        private FlatJson() {
        }

        /** @throws IllegalArgumentException when the text is not a flat JSON object */
        static Map<String, Object> parse(String text) {
            JsonNode node;
            try {
                node = JsonNode.parser().parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not JSON: " + reason(e), e);
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("expected '{': the text is JSON but not an object");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            node.asObject().forEach((name, value) -> fields.put(name, value(name, value)));
            return fields;
        }

        /** The parser's own first line, without the exception class names the SDK wraps it in. */
        private static String reason(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            int line = message.indexOf('\n');
            return (line < 0 ? message : message.substring(0, line)).strip();
        }

        private static Object value(String name, JsonNode value) {
            if (value.isString()) {
                return value.asString();
            }
            if (value.isBoolean()) {
                return value.asBoolean();
            }
            if (value.isNull()) {
                return null;
            }
            if (value.isNumber()) {
                try {
                    return Double.parseDouble(value.asNumber());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("field '" + name + "' is not a number", e);
                }
            }
            throw new IllegalArgumentException("field '" + name + "' is an object or array; a sighting's fields are"
                    + " strings, numbers, true, false or null");
        }
    }
}
