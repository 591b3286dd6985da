package org.fieldmark.adapter.mqtt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Sighting;

/**
 * The topics and payloads the MQTT notifier publishes; pure, so every byte is testable without a
 * broker. Sources become one topic level with the MQTT wildcards and the level separator
 * ({@code + # /}) replaced by {@code _}; Home Assistant ids use a lower-case slug of it.
 */
final class MqttMessages {

    /** Sightings without a named source (a folder has no bucket) go here. */
    static final String DEFAULT_SOURCE = "default";
    static final String ONLINE = "online";
    static final String OFFLINE = "offline";

    private final String topicPrefix;
    private final String discoveryPrefix;

    MqttMessages(String topicPrefix, String discoveryPrefix) {
        this.topicPrefix = topicPrefix;
        this.discoveryPrefix = discoveryPrefix;
    }

    /** One message to publish. */
    record Message(String topic, String payload, boolean retained) {
    }

    /** The source a result is filed under: its sighting's source, else its bucket, else {@code default}. */
    static String source(IdentificationResult result) {
        Sighting sighting = result.sighting();
        if (sighting != null) {
            return sighting.source();
        }
        String bucket = result.source().bucket();
        return bucket.isBlank() ? DEFAULT_SOURCE : bucket;
    }

    /** {@code source} as one topic level: {@code + # /} and control characters become {@code _}. */
    static String topicLevel(String source) {
        StringBuilder level = new StringBuilder(source.length());
        source.strip().codePoints().forEach(c -> {
            boolean unsafe = c == '+' || c == '#' || c == '/' || c < 0x20 || c == 0x7f;
            level.appendCodePoint(unsafe ? '_' : c);
        });
        return level.length() == 0 ? DEFAULT_SOURCE : level.toString();
    }

    /** {@code source} as a Home Assistant id part: lower-case letters, digits and single underscores. */
    static String slug(String source) {
        String slug = source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return slug.isEmpty() ? DEFAULT_SOURCE : slug;
    }

    String sightingTopic(String source) {
        return topicPrefix + "/" + topicLevel(source) + "/sighting";
    }

    /** Retained {@code online}/{@code offline}; the broker publishes {@code offline} itself when we vanish. */
    String statusTopic() {
        return topicPrefix + "/status";
    }

    String digestTopic() {
        return topicPrefix + "/digest";
    }

    /**
     * The sighting as JSON: id, species (display name), scientificName, probability, confident,
     * time, source, key, reason (the notification policy's decision), message, where the bird was
     * found (locator, windows, region: {@link #located}), and imageUrl when
     * {@code imageUrl} has a link. Without a recorded sighting, id and reason are null and the time
     * is {@code now}.
     */
    String sighting(IdentificationResult result, Optional<String> imageUrl, Instant now) {
        Sighting sighting = result.sighting();
        RankedPrediction top = result.identification().top();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", sighting == null ? null : sighting.id());
        json.put("species", sighting == null ? top.name() : sighting.displayName());
        json.put("scientificName", sighting == null ? top.scientificName() : sighting.scientificName());
        json.put("probability", sighting == null ? top.probability() : sighting.probability());
        json.put("confident", sighting == null ? result.identification().confident() : sighting.confident());
        json.put("time", (sighting == null ? now : sighting.time()).toString());
        json.put("source", source(result));
        json.put("key", result.source().key());
        json.put("reason", sighting == null ? null : sighting.reason());
        json.put("message", result.message());
        json.putAll(located(result.located()));
        imageUrl.ifPresent(url -> json.put("imageUrl", url));
        return new JsonObject(json).encode();
    }

    /**
     * Where the bird was found: {@code locator}, {@code windows} and {@code region} with x, y, width,
     * height, imageWidth, imageHeight (pixels), left, top, relativeWidth, relativeHeight (0..1 of the
     * photo) and wholeFrame; {@code region} is {@code null} when the photo's size is unknown. The same
     * shape as the HTTP API's, so one dashboard reads both.
     */
    static Map<String, Object> located(IdentificationResult.Located located) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("locator", located.locator());
        json.put("windows", located.windows());
        json.put("region", located.region() == null ? null : region(located.region()));
        return json;
    }

    private static Map<String, Object> region(Region region) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("x", region.x());
        json.put("y", region.y());
        json.put("width", region.width());
        json.put("height", region.height());
        json.put("imageWidth", region.imageWidth());
        json.put("imageHeight", region.imageHeight());
        json.put("left", region.left());
        json.put("top", region.top());
        json.put("relativeWidth", region.relativeWidth());
        json.put("relativeHeight", region.relativeHeight());
        json.put("wholeFrame", region.isWholeFrame());
        return json;
    }

    /** The digest text as JSON: {@code {"time": ..., "message": ...}}. */
    String digest(String text, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", now.toString());
        json.put("message", text);
        return new JsonObject(json).encode();
    }

    /**
     * Home Assistant MQTT discovery configs for {@code source}: a "Last species" and a "Last
     * confidence" sensor, both reading the source's sighting topic, grouped under one device per
     * source, available while {@link #statusTopic()} says {@code online}. Retained, so Home
     * Assistant finds them whenever it starts.
     */
    List<Message> discovery(String source) {
        String slug = slug(source);
        String state = sightingTopic(source);
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("identifiers", new JsonArray().add("fieldmark_" + slug));
        device.put("name", "Fieldmark " + source.strip());
        device.put("manufacturer", "Fieldmark");
        device.put("model", "Bird identification");

        Map<String, Object> species = common("Last species", "fieldmark_" + slug + "_last_species", state, device);
        species.put("value_template", "{{ value_json.species }}");
        species.put("json_attributes_topic", state);
        species.put("icon", "mdi:bird");

        Map<String, Object> confidence = common("Last confidence", "fieldmark_" + slug + "_last_confidence", state,
                device);
        confidence.put("value_template", "{{ (value_json.probability * 100) | round(1) }}");
        confidence.put("unit_of_measurement", "%");
        confidence.put("state_class", "measurement");
        confidence.put("icon", "mdi:percent");

        return List.of(
                new Message(configTopic(slug, "last_species"), new JsonObject(species).encode(), true),
                new Message(configTopic(slug, "last_confidence"), new JsonObject(confidence).encode(), true));
    }

    private String configTopic(String slug, String sensor) {
        return discoveryPrefix + "/sensor/fieldmark_" + slug + "_" + sensor + "/config";
    }

    private Map<String, Object> common(String name, String uniqueId, String state, Map<String, Object> device) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("unique_id", uniqueId);
        config.put("state_topic", state);
        config.put("availability_topic", statusTopic());
        config.put("payload_available", ONLINE);
        config.put("payload_not_available", OFFLINE);
        config.put("device", new JsonObject(device));
        config.put("origin", new JsonObject().put("name", "Fieldmark"));
        return config;
    }
}
