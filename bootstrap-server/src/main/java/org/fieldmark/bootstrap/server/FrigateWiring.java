package org.fieldmark.bootstrap.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.fieldmark.adapter.http.out.frigate.FrigateApiAdapter;
import org.fieldmark.adapter.http.out.frigate.FrigateApiSettings;
import org.fieldmark.adapter.mqtt.FrigateEventSource;
import org.fieldmark.adapter.mqtt.MqttSettings;
import org.fieldmark.application.port.in.FrigateEventsUseCase;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.service.BirdLog;
import org.fieldmark.application.service.FrigateEventService;
import org.fieldmark.application.service.FrigateSettings;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.configuration.FrigateConfig;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.frigate.FrigateFilter;
import org.fieldmark.domain.frigate.SubLabelRule;
import org.fieldmark.domain.region.RegionChoice;

/**
 * Frigate's events ({@code frigate.*}): the service over Frigate's API (snapshots in, sub labels
 * out) with the server's model, channels, bird log and outbox, and the MQTT source that feeds it
 * from the broker at {@code mqtt.url} on a connection of its own ({@code <mqtt.client-id>-frigate},
 * its status under {@code <mqtt.topic-prefix>/frigate}).
 */
final class FrigateWiring {

    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    /**
     * How long a graceful stop waits for the queued events to be handled: within the 10 s a
     * {@code docker stop} grants before it kills, leaving time for the rest of the shutdown.
     */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(8);

    private FrigateWiring() {
    }

    /**
     * The use case, sharing the identification service's channels and outbox (so the delivery timer
     * retries Frigate's notifications too); {@code birdLog} {@code null} with {@code policy.mode=off}.
     */
    static FrigateEventService service(ServerConfig config, InferencePort inference,
                                       Map<String, NotificationPort> channels, IdentificationSettings settings,
                                       BirdLocatorPort locator, BirdLog birdLog, OutboxPort outbox) {
        FrigateConfig frigate = config.frigate();
        FrigateApiAdapter api = new FrigateApiAdapter(FrigateApiSettings.of(frigate.url())
                .withToken(frigate.token())
                .withRetries(frigate.maxAttempts(), INITIAL_BACKOFF, MAX_BACKOFF)
                .withLimits(frigate.timeout(), config.identification().maxImageBytes()));
        FrigateSettings rules = new FrigateSettings(new FrigateFilter(Set.copyOf(frigate.labels()),
                Set.copyOf(frigate.cameras()), Set.copyOf(frigate.zones())), frigate.maxIdentifications(),
                new SubLabelRule(SubLabelRule.NameForm.of(frigate.subLabelName())), frigate.writeSubLabel());
        FrigateEventService.Builder builder = FrigateEventService.builder(api, inference, channels, settings, rules,
                        outbox)
                .subLabels(api)
                .log(JsonEventLogger.named(FrigateEventService.class.getName()));
        if (birdLog != null) {
            builder.birdLog(birdLog);
        }
        if (frigate.locate()) {
            builder.locator(locator, RegionChoice.DEFAULT);
        }
        return builder.build();
    }

    /**
     * Starts listening to Frigate's events, counted in {@code registry}
     * ({@code fieldmark_frigate_events_received_total}, {@code _rejected_total}, {@code _dropped_total},
     * {@code _failed_total});
     * the caller closes the source before Vert.x.
     */
    static FrigateEventSource listen(Vertx vertx, ServerConfig config, FrigateEventsUseCase useCase,
                                     MeterRegistry registry) {
        ServerConfig.Mqtt mqtt = config.notification().mqtt();
        MqttSettings settings = ChannelWiring.mqttSettings(mqtt)
                .withClientId(mqtt.clientId() + "-frigate")
                .withTopics(mqtt.topicPrefix() + "/frigate", mqtt.discoveryPrefix(), false);
        FrigateEventSource source = new FrigateEventSource(vertx, settings, config.frigate().mqttPrefix(),
                config.frigate().queue(), DRAIN_LIMIT, useCase, JsonEventLogger.named(FrigateEventSource.class.getName()));
        FunctionCounter.builder("fieldmark.frigate.events.dropped", source, FrigateEventSource::dropped)
                .description("Frigate events dropped because the identification queue was full").register(registry);
        FunctionCounter.builder("fieldmark.frigate.events.rejected", source, FrigateEventSource::rejected)
                .description("MQTT messages on Frigate's event topic that were not events").register(registry);
        FunctionCounter.builder("fieldmark.frigate.events.received", source, FrigateEventSource::received)
                .description("MQTT messages taken from Frigate's event topic").register(registry);
        if (useCase instanceof FrigateEventService service) {
            FunctionCounter.builder("fieldmark.frigate.events.failed", service, FrigateEventService::failedForGood)
                    .description("Frigate events failed for good (snapshot gone, token refused, not an image)")
                    .register(registry);
        }
        return source;
    }
}
