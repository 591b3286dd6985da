package org.fieldmark.configuration;

import static org.fieldmark.configuration.FrigateOptions.CAMERAS;
import static org.fieldmark.configuration.FrigateOptions.LABELS;
import static org.fieldmark.configuration.FrigateOptions.LOCATE;
import static org.fieldmark.configuration.FrigateOptions.MAX_ATTEMPTS;
import static org.fieldmark.configuration.FrigateOptions.MAX_IDENTIFICATIONS;
import static org.fieldmark.configuration.FrigateOptions.MQTT_PREFIX;
import static org.fieldmark.configuration.FrigateOptions.QUEUE;
import static org.fieldmark.configuration.FrigateOptions.SUB_LABEL_NAME;
import static org.fieldmark.configuration.FrigateOptions.TIMEOUT_MS;
import static org.fieldmark.configuration.FrigateOptions.TOKEN;
import static org.fieldmark.configuration.FrigateOptions.URL;
import static org.fieldmark.configuration.FrigateOptions.WRITE_SUB_LABEL;
import static org.fieldmark.configuration.FrigateOptions.ZONES;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Reads {@code frigate.*}, noting every problem with the rest. */
final class FrigateBinder {

    private FrigateBinder() {
    }

    static FrigateConfig bind(Values values) {
        URI url = values.url(URL);
        if (url != null) {
            values.requiredWhen(NotifyOptions.MQTT_URL, true, "frigate.url",
                    "the broker Frigate publishes its events to, e.g. mqtt://mosquitto:1883");
        }
        List<String> labels = values.list(LABELS);
        if (url != null && labels.isEmpty()) {
            values.invalid(LABELS, "", "must name at least one Frigate label, e.g. bird");
        }
        String prefix = values.text(MQTT_PREFIX);
        if (prefix.contains("+") || prefix.contains("#")) {
            values.invalid(MQTT_PREFIX, prefix, "must be a topic prefix without the wildcards + and #, got '"
                    + prefix + "'");
        }
        return new FrigateConfig(url, values.optional(TOKEN), prefix, labels, values.list(CAMERAS),
                values.list(ZONES), values.flag(WRITE_SUB_LABEL), values.choice(SUB_LABEL_NAME),
                values.integer(MAX_IDENTIFICATIONS), values.flag(LOCATE), values.integer(QUEUE),
                Duration.ofMillis(values.whole(TIMEOUT_MS)), values.integer(MAX_ATTEMPTS));
    }
}
