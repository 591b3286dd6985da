package org.fieldmark.configuration;

import static org.fieldmark.configuration.Setting.server;

import java.util.List;

/** The server's Frigate options: where Frigate is, which of its events are identified, what is written back. */
public final class FrigateOptions {

    public static final Setting URL = server("frigate.url", "Frigate's API, e.g. http://frigate:5000 (internal port) or "
            + "https://frigate:8971 (with frigate.token); when set, the birds of Frigate's events (through the broker "
            + "at mqtt.url) are identified").url();
    public static final Setting TOKEN = server("frigate.token",
            "token for Frigate's authenticated port, sent as a bearer token and as the frigate_token cookie");
    public static final Setting MQTT_PREFIX = server("frigate.mqtt-prefix",
            "Frigate's MQTT topic prefix: events are read from <prefix>/events").byDefault("frigate");
    public static final Setting LABELS = server("frigate.labels",
            "comma-separated Frigate labels whose events are identified").list().byDefault("bird");
    public static final Setting CAMERAS = server("frigate.cameras",
            "comma-separated Frigate cameras to listen to (empty: all)").list();
    public static final Setting ZONES = server("frigate.zones",
            "comma-separated Frigate zones an object must be in or have entered (empty: anywhere)").list();
    public static final Setting WRITE_SUB_LABEL = server("frigate.write-sub-label",
            "write confident species back as the event's sub label (never over a higher-scoring one)").flag()
            .byDefault("true");
    public static final Setting SUB_LABEL_NAME = server("frigate.sub-label-name",
            "which name is written back: common, scientific, or both (Common (Scientific)); at most 100 characters")
            .choice("common", "scientific", "both").byDefault("common");
    public static final Setting MAX_IDENTIFICATIONS = server("frigate.max-identifications",
            "how often an event's snapshot is identified before its end (again only when Frigate's top score rose)")
            .whole(1, 100).byDefault("3");
    public static final Setting LOCATE = server("frigate.locate", "look for the bird inside Frigate's crop with "
            + "locator.mode too (the crop is the detector's box around it already)").flag().byDefault("false");
    public static final Setting QUEUE = server("frigate.queue",
            "Frigate events waiting for identification; more are dropped, logged and counted in /metrics")
            .whole(1, 100_000).byDefault("256");
    public static final Setting TIMEOUT_MS = server("frigate.timeout-ms",
            "how long one request to Frigate may take").whole(1, 600_000).byDefault("10000");
    public static final Setting MAX_ATTEMPTS = server("frigate.max-attempts",
            "attempts per Frigate request on 5xx, 429, timeouts and connection errors (backoff with jitter)")
            .whole(1, 20).byDefault("4");

    static final List<Setting> ALL = List.of(URL, TOKEN, MQTT_PREFIX, LABELS, CAMERAS, ZONES, WRITE_SUB_LABEL,
            SUB_LABEL_NAME, MAX_IDENTIFICATIONS, LOCATE, QUEUE, TIMEOUT_MS, MAX_ATTEMPTS);

    private FrigateOptions() {
    }
}
