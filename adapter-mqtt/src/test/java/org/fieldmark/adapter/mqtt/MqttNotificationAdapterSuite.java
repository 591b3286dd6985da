package org.fieldmark.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.mqtt.testing.MqttBroker;
import org.fieldmark.adapter.mqtt.testing.MqttProbe;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.testing.Results;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier against a real broker on a free port, checked by a second MQTT client; each
 * subclass names the broker (embedded Moquette, always; Debian's mosquitto where installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MqttNotificationAdapterSuite {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T06:30:00Z"), ZoneOffset.UTC);

    private Path dir;

    private Vertx vertx;
    private MqttBroker broker;
    private MqttNotificationAdapter notifier;

    /** The kind of broker these tests run against. */
    protected abstract MqttBroker.Kind brokers();

    /**
     * Whether the broker flags the retained messages it hands a new subscriber as retained
     * (MQTT-3.3.1-8): mosquitto does; Moquette 0.17 does not, so there the proof that a message
     * was retained is that a client subscribing after it was published receives it.
     */
    protected boolean flagsRetainedMessages() {
        return true;
    }

    private boolean retained(MqttProbe.Received message) {
        return message.retained() || !flagsRetainedMessages();
    }

    @BeforeAll
    void startBroker(@TempDir Path dir) {
        this.dir = dir;
        vertx = Vertx.vertx();
        broker = brokers().anonymous(dir.resolve("plain"));
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
        vertx.close();
    }

    @AfterEach
    void closeNotifier() {
        if (notifier != null) {
            notifier.close();
        }
    }

    /**
     * Publishes {@code result} once the notifier is connected: the first publish also waits for the
     * connection within the short publish timeout a test chose, which a loaded machine can exceed.
     */
    private static void publishOnceConnected(MqttNotificationAdapter port, IdentificationResult result) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                port.publish(result);
                return;
            } catch (NotificationFailedException e) {
                if (!e.retryable() || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    static MqttSettings settingsFor(String url, String clientId) {
        // Bounds, not durations: a loaded 2-core machine can take seconds to connect, and a test
        // that needs a short timeout sets its own.
        return MqttSettings.of(URI.create(url)).withClientId(clientId)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(15))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private MqttNotificationAdapter notifier(MqttSettings settings) {
        notifier = new MqttNotificationAdapter(vertx, settings, CLOCK);
        return notifier;
    }

    static IdentificationResult sighting(String id, String source) {
        return Results.workshop("photos", "birds/" + id + ".jpg", 0.02, 0.94, 0.03, 0.01)
                .withSighting(new Sighting(id, Instant.parse("2026-05-01T06:12:03Z"), "birds/" + id + ".jpg", source,
                        "Cardinalis cardinalis", "Northern Cardinal", 0.94, true, true, "notified: every", null));
    }

    @Test
    void publishesTheSightingAsJsonWithQos1ToItsSourcesTopic() {
        try (MqttProbe probe = MqttProbe.subscribe(vertx, broker.port(), "fieldmark/+/sighting")) {
            notifier(settingsFor(broker.url(), "exact-json")).publish(sighting("s-1", "feeder"));

            List<MqttProbe.Received> received = probe.flush();
            assertThat(received).hasSize(1);
            MqttProbe.Received message = received.get(0);
            assertThat(message.topic()).isEqualTo("fieldmark/feeder/sighting");
            assertThat(message.qos()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            assertThat(message.retained()).isFalse();
            assertThat(message.payload()).isEqualTo("{\"id\":\"s-1\",\"species\":\"Northern Cardinal\","
                    + "\"scientificName\":\"Cardinalis cardinalis\",\"probability\":0.94,\"confident\":true,"
                    + "\"time\":\"2026-05-01T06:12:03Z\",\"source\":\"feeder\",\"key\":\"birds/s-1.jpg\","
                    + "\"reason\":\"notified: every\",\"message\":\"Bird [birds/s-1.jpg] is a: Northern Cardinal(0.94)\","
                    + "\"locator\":\"whole\",\"windows\":0,\"region\":null}");
        }
    }

    @Test
    void carriesTheReasonAndTheImageLinkTheWiringGivesForThePhoto() {
        Function<ImageReference, Optional<String>> links = image -> Optional.of(
                "https://birds.example/v1/images?key=" + image.bucket() + "%2F" + image.key());
        notifier = new MqttNotificationAdapter(vertx, settingsFor(broker.url(), "linked-json"), links, CLOCK);
        try (MqttProbe probe = MqttProbe.subscribe(vertx, broker.port(), "fieldmark/+/sighting")) {
            notifier.publish(sighting("s-2", "feeder"));

            List<MqttProbe.Received> received = probe.flush();
            assertThat(received).extracting(MqttProbe.Received::payload).containsExactly("{\"id\":\"s-2\","
                    + "\"species\":\"Northern Cardinal\",\"scientificName\":\"Cardinalis cardinalis\","
                    + "\"probability\":0.94,\"confident\":true,\"time\":\"2026-05-01T06:12:03Z\","
                    + "\"source\":\"feeder\",\"key\":\"birds/s-2.jpg\",\"reason\":\"notified: every\","
                    + "\"message\":\"Bird [birds/s-2.jpg] is a: Northern Cardinal(0.94)\",\"locator\":\"whole\",\"windows\":0,"
                    + "\"region\":null,"
                    + "\"imageUrl\":\"https://birds.example/v1/images?key=photos%2Fbirds/s-2.jpg\"}");
        }
    }

    @Test
    void publishesADigestToTheDigestTopic() {
        try (MqttProbe probe = MqttProbe.subscribe(vertx, broker.port(), "fieldmark/#")) {
            notifier(settingsFor(broker.url(), "digest")).publishDigestText("Fieldmark digest for 2026-05-01: no birds");

            assertThat(probe.flush()).filteredOn(m -> !m.topic().equals("fieldmark/status"))
                    .extracting(MqttProbe.Received::topic, MqttProbe.Received::payload)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("fieldmark/digest",
                            "{\"time\":\"2026-05-01T06:30:00Z\",\"message\":\"Fieldmark digest for 2026-05-01: no birds\"}"));
        }
    }

    @Test
    void publishesHomeAssistantDiscoveryRetainedOncePerSource() {
        MqttNotificationAdapter port = notifier(settingsFor(broker.url(), "discovery"));
        try (MqttProbe live = MqttProbe.subscribe(vertx, broker.port(), "homeassistant/sensor/+/config",
                "fieldmark/+/sighting")) {
            port.publish(sighting("s-2", "garden"));
            port.publish(sighting("s-3", "garden"));
            port.publish(sighting("s-4", "Back Yard/Cam#1"));

            assertThat(live.flush()).extracting(MqttProbe.Received::topic).containsExactlyInAnyOrder(
                    "homeassistant/sensor/fieldmark_garden_last_species/config",
                    "homeassistant/sensor/fieldmark_garden_last_confidence/config",
                    "fieldmark/garden/sighting", "fieldmark/garden/sighting",
                    "homeassistant/sensor/fieldmark_back_yard_cam_1_last_species/config",
                    "homeassistant/sensor/fieldmark_back_yard_cam_1_last_confidence/config",
                    "fieldmark/Back Yard_Cam_1/sighting");
        }
        try (MqttProbe later = MqttProbe.subscribe(vertx, broker.port(), "homeassistant/sensor/+/config")) {
            List<MqttProbe.Received> retained = later.flush().stream()
                    .filter(m -> m.topic().contains("fieldmark_garden_")).toList();
            assertThat(retained).hasSize(2).allMatch(this::retained);
            JsonObject species = retained.stream().filter(m -> m.topic().endsWith("_last_species/config"))
                    .findFirst().orElseThrow().json();
            assertThat(species.getString("unique_id")).isEqualTo("fieldmark_garden_last_species");
            assertThat(species.getString("state_topic")).isEqualTo("fieldmark/garden/sighting");
            assertThat(species.getString("value_template")).isEqualTo("{{ value_json.species }}");
            assertThat(species.getJsonObject("device").getJsonArray("identifiers").getString(0))
                    .isEqualTo("fieldmark_garden");
        }
    }

    @Test
    void saysOnlineWhileConnectedAndOfflineWhenClosed() {
        MqttNotificationAdapter port = notifier(settingsFor(broker.url(), "status"));
        port.publish(sighting("s-5", "feeder"));
        try (MqttProbe probe = MqttProbe.subscribe(vertx, broker.port(), "fieldmark/status")) {
            assertThat(probe.flush()).extracting(MqttProbe.Received::payload, this::retained)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("online", true));

            port.close();
            notifier = null;

            assertThat(probe.flush()).extracting(MqttProbe.Received::payload).containsExactly("offline");
        }
    }

    @Test
    void reconnectsAfterTheBrokerDiesAndPublishesDiscoveryAgain() {
        MqttNotificationAdapter port = notifier(settingsFor(broker.url(), "reconnect"));
        port.publish(sighting("s-6", "pond"));

        broker.restart();

        // The restarted broker kept nothing (no persistence): the notifier must bring the configs back.
        port.publish(sighting("s-7", "pond"));
        try (MqttProbe later = MqttProbe.subscribe(vertx, broker.port(), "homeassistant/sensor/+/config",
                "fieldmark/status")) {
            assertThat(later.flush()).filteredOn(this::retained)
                    .extracting(MqttProbe.Received::topic).contains(
                            "homeassistant/sensor/fieldmark_pond_last_species/config",
                            "homeassistant/sensor/fieldmark_pond_last_confidence/config",
                            "fieldmark/status");
        }
    }

    @Test
    void waitsForABrokerThatComesBackWithinThePublishTimeout() throws Exception {
        MqttNotificationAdapter port = notifier(settingsFor(broker.url(), "comes-back")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)));
        port.publish(sighting("s-8", "feeder"));
        broker.kill();

        CompletableFuture<Void> pending = CompletableFuture.runAsync(() -> port.publish(sighting("s-9", "feeder")));
        broker.restart();

        pending.get(30, TimeUnit.SECONDS);
        assertThat(pending).isCompleted();
    }

    @Test
    void aBrokerThatIsDownIsARetryableFailureAfterTheTimeout() {
        MqttNotificationAdapter port = notifier(settingsFor("mqtt://127.0.0.1:" + closedPort(), "down")
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(800)));

        assertThatThrownBy(() -> port.publish(sighting("s-10", "feeder")))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("MQTT publish of the sighting of 'photos/birds/s-10.jpg' to mqtt://127.0.0.1:")
                            .contains("not connected within 800 ms").contains("could not connect");
                });
    }

    @Test
    void aBrokerThatNeverAcknowledgesIsARetryableFailureAfterTheTimeout() {
        MqttNotificationAdapter port = notifier(settingsFor(broker.url(), "hung")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700)));
        publishOnceConnected(port, sighting("s-13", "feeder"));
        broker.pause();
        try {
            assertThatThrownBy(() -> port.publish(sighting("s-14", "feeder")))
                    .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).endsWith(
                                "failed: the broker did not acknowledge (PUBACK) within 700 ms");
                    });
        } finally {
            broker.resume();
        }
    }

    @Test
    void refusesToBlockAnEventLoop() throws Exception {
        MqttNotificationAdapter port = notifier(settingsFor(broker.url(), "event-loop"));
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                port.publish(sighting("s-11", "feeder"));
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });

        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call it from a worker thread");
    }

    @Test
    void aClosedNotifierRefusesToPublish() {
        MqttNotificationAdapter port = notifier(settingsFor(broker.url(), "closed"));
        port.close();
        notifier = null;

        assertThatThrownBy(() -> port.publish(sighting("s-12", "feeder")))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("the MQTT notifier is closed");
                });
    }

    static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
