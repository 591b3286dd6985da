package org.fieldmark.configuration;

import static org.fieldmark.configuration.NotifyOptions.MQTT_CA_FILE;
import static org.fieldmark.configuration.NotifyOptions.MQTT_CLIENT_ID;
import static org.fieldmark.configuration.NotifyOptions.MQTT_DISCOVERY;
import static org.fieldmark.configuration.NotifyOptions.MQTT_DISCOVERY_PREFIX;
import static org.fieldmark.configuration.NotifyOptions.MQTT_PASSWORD;
import static org.fieldmark.configuration.NotifyOptions.MQTT_PUBLISH_TIMEOUT;
import static org.fieldmark.configuration.NotifyOptions.MQTT_TOPIC_PREFIX;
import static org.fieldmark.configuration.NotifyOptions.MQTT_TRUST_STORE;
import static org.fieldmark.configuration.NotifyOptions.MQTT_TRUST_STORE_PASSWORD;
import static org.fieldmark.configuration.NotifyOptions.MQTT_URL;
import static org.fieldmark.configuration.NotifyOptions.MQTT_USERNAME;
import static org.fieldmark.configuration.NotifyOptions.NOTIFY;
import static org.fieldmark.configuration.NotifyOptions.SNS_TOPIC_ARN;
import static org.fieldmark.configuration.NotifyOptions.WEBHOOK_SECRET;
import static org.fieldmark.configuration.NotifyOptions.WEBHOOK_URL;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.fieldmark.configuration.ServerConfig.NotifyKind;

/** Reads who the server tells: its notifiers and their settings. */
final class ServerNotifyBinder {

    private ServerNotifyBinder() {
    }

    static ServerConfig.Notify notify(Values values) {
        List<NotifyKind> kinds = values.choices(NOTIFY).stream()
                .map(kind -> NotifyKind.valueOf(kind.toUpperCase(Locale.ROOT))).toList();
        if (kinds.isEmpty()) {
            kinds = List.of(NotifyKind.LOG);
        }
        ServerConfig.Mqtt mqtt = new ServerConfig.Mqtt(
                values.requiredWhen(MQTT_URL, kinds.contains(NotifyKind.MQTT), "notify=mqtt",
                        "the broker's URL, e.g. mqtt://127.0.0.1:1883"),
                values.optional(MQTT_USERNAME), values.optional(MQTT_PASSWORD), values.text(MQTT_CLIENT_ID),
                values.text(MQTT_TOPIC_PREFIX), values.text(MQTT_DISCOVERY_PREFIX), values.flag(MQTT_DISCOVERY),
                values.optional(MQTT_CA_FILE), values.optional(MQTT_TRUST_STORE),
                values.optional(MQTT_TRUST_STORE_PASSWORD), Duration.ofMillis(values.whole(MQTT_PUBLISH_TIMEOUT)));
        return new ServerConfig.Notify(kinds,
                values.requiredWhen(SNS_TOPIC_ARN, kinds.contains(NotifyKind.SNS), "notify=sns",
                        "the topic ARN that should receive identifications"),
                values.requiredWhen(WEBHOOK_URL, kinds.contains(NotifyKind.WEBHOOK), "notify=webhook",
                        "the URL that should receive identifications"),
                values.optional(WEBHOOK_SECRET), mqtt);
    }
}
