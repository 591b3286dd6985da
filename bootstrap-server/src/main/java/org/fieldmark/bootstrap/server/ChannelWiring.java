package org.fieldmark.bootstrap.server;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.adapter.http.out.webhook.WebhookNotificationAdapter;
import org.fieldmark.adapter.http.out.webhook.WebhookSettings;
import org.fieldmark.adapter.log.LogNotificationAdapter;
import org.fieldmark.adapter.mqtt.MqttNotificationAdapter;
import org.fieldmark.adapter.mqtt.MqttSettings;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.NotificationPort;

/**
 * The notification channels {@code notify} names, each by its name ({@code log}, {@code webhook},
 * {@code sns}, {@code mqtt}), in the configured order: the identification service keeps one
 * delivery per name, so it knows which channel took a message and which did not.
 */
final class ChannelWiring {

    private ChannelWiring() {
    }

    static Map<String, NotificationPort> channels(ServerConfig config, Vertx vertx, AwsWiring aws,
                                                  List<AutoCloseable> resources) {
        ServerConfig.Notify notifyConfig = config.notification();
        Function<ImageReference, Optional<String>> links = imageLinks(config);
        Map<String, NotificationPort> channels = new LinkedHashMap<>();
        for (ServerConfig.NotifyKind kind : notifyConfig.kinds()) {
            NotificationPort channel = switch (kind) {
                case LOG -> new LogNotificationAdapter(JsonEventLogger.named(LogNotificationAdapter.LOGGER_NAME),
                        LogNotificationAdapter.Format.JSON);
                case WEBHOOK -> new WebhookNotificationAdapter(WebhookSettings.of(
                        uri("webhook.url", notifyConfig.webhookUrl()), notifyConfig.webhookSecret()), links);
                case SNS -> aws.notifier(notifyConfig.snsTopicArn(), links);
                case MQTT -> {
                    MqttNotificationAdapter mqtt = new MqttNotificationAdapter(vertx, mqttSettings(notifyConfig.mqtt()),
                            links);
                    resources.add(mqtt);
                    yield mqtt;
                }
            };
            channels.put(kind.name().toLowerCase(Locale.ROOT), channel);
        }
        return channels;
    }

    /**
     * Links to photos for notifications, the one place every channel (webhook, SNS, MQTT) gets them
     * from, so they agree: a photo fetched from an http(s) URL links to that URL; with
     * {@code server.public-url} and the watched folder, a folder photo links to
     * {@code <url>/v1/images?key=<key>} (the page's photo endpoint); anything else has no link.
     */
    static Function<ImageReference, Optional<String>> imageLinks(ServerConfig config) {
        URI base = config.birdLog().publicUrl();
        boolean folderLinks = base != null && config.storage().kind() == ServerConfig.StorageKind.FOLDER;
        String root = base == null ? "" : base.toString().replaceAll("/+$", "");
        return image -> {
            if (!image.bucket().isEmpty()) {
                return Optional.empty();
            }
            String key = image.key();
            if (ImageSources.isUrl(key)) {
                return Optional.of(key);
            }
            return folderLinks
                    ? Optional.of(root + "/v1/images?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                    : Optional.empty();
        };
    }

    static MqttSettings mqttSettings(ServerConfig.Mqtt mqtt) {
        return new MqttSettings(uri("mqtt.url", mqtt.url()), mqtt.username(), mqtt.password(), mqtt.clientId(),
                mqtt.caFile() == null ? null : Path.of(mqtt.caFile()),
                mqtt.trustStore() == null ? null : Path.of(mqtt.trustStore()), mqtt.trustStorePassword(),
                mqtt.topicPrefix(), mqtt.discoveryPrefix(), mqtt.discovery(), MqttSettings.DEFAULT_CONNECT_TIMEOUT,
                mqtt.publishTimeout(), MqttSettings.DEFAULT_INITIAL_BACKOFF, MqttSettings.DEFAULT_MAX_BACKOFF);
    }

    static URI uri(String option, String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationInvalidException(List.of(option + " '" + value + "' is not a URL: "
                    + e.getMessage()));
        }
    }
}
