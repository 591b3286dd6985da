package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.fieldmark.adapter.log.LogNotificationAdapter;
import org.fieldmark.adapter.mqtt.testing.EmbeddedBroker;
import org.fieldmark.adapter.mqtt.testing.MqttProbe;
import org.fieldmark.adapter.mqtt.testing.TcpRelay;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario, with {@code --notify=log,mqtt}: the broker is unreachable for longer than
 * the publish timeout while a photo is dropped into the watched folder, then comes back. The folder
 * watcher retries the photo, the delivery timer retries the channel; the photo still has exactly
 * one sighting, the log tells it once and MQTT carries it once. The server reaches the broker
 * through a relay the test cuts (connections reset, port refused) and reopens on the same port;
 * the test's subscriber is connected to the broker directly the whole time, so it sees every
 * message that ever got through.
 */
class ServerTellsEachChannelOnceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private HttpServer model;
    private EmbeddedBroker broker;
    private final TcpRelay relay = new TcpRelay();
    private FieldmarkServer server;
    private Vertx vertx;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger notifications = Logger.getLogger(LogNotificationAdapter.LOGGER_NAME);
    private final Handler counting = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains("\"event\":\"msg\"")) {
                logged.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() throws IOException {
        broker = EmbeddedBroker.anonymous(dir.resolve("broker"));
        relay.open(broker.port());
        model = ServerProcess.model("[0.02, 0.94, 0.03, 0.01]");
        notifications.addHandler(counting);
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        notifications.removeHandler(counting);
        if (server != null) {
            server.close();
        }
        vertx.close();
        model.stop(0);
        relay.close();
        broker.close();
    }

    @Test
    void aBrokerDownLongerThanThePublishTimeoutWhileAPhotoIsDroppedTellsEachChannelOnce() throws Exception {
        server = FieldmarkServer.start(new ServerConfigLoader(Map.of(), path -> "").load(new String[] {
                "--server.port=0", "--folder.path=" + dir.resolve("birds"), "--folder.poll-interval-ms=100",
                "--folder.stability-delay-ms=50", "--inference=http",
                "--http-model.url=http://127.0.0.1:" + model.getAddress().getPort(), "--notify=log,mqtt",
                "--mqtt.url=mqtt://127.0.0.1:" + relay.port(), "--mqtt.client-id=outbox-test",
                "--mqtt.publish-timeout-ms=300", "--sightings.path=" + dir.resolve("fieldmark.db")}));
        try (MqttProbe probe = MqttProbe.subscribe(vertx, broker.port(), "fieldmark/+/sighting")) {
            relay.shut();
            Files.write(dir.resolve("birds").resolve("card.jpg"), ImageSamples.jpeg(512));

            // Down until MQTT failed more than once (each attempt waited the publish timeout).
            await("the MQTT delivery failed twice", () -> mqtt().map(d -> d.attempts() >= 2).orElse(false));
            relay.open(broker.port());
            await("the MQTT delivery went out", () -> mqtt().map(d -> d.state() == Delivery.State.DELIVERED)
                    .orElse(false));
            // The watcher stops retrying once a retry of the photo succeeds; the state file says so.
            await("the watcher finished the photo", () -> watcherState().contains("DONE\t"));

            assertThat(probe.next(1, Duration.ofSeconds(30))).singleElement().satisfies(m -> assertThat(
                    m.json().getString("message")).isEqualTo("Bird [card.jpg] is a: Northern Cardinal(0.94)"));
            assertThat(probe.flush()).isEmpty();
        }
        assertThat(sightings()).hasSize(1);
        assertThat(logged).singleElement().asString().contains("Bird [card.jpg] is a: Northern Cardinal(0.94)");
        Sighting sighting = sightings().get(0);
        assertThat(server.outbox().deliveriesOf(List.of(sighting.id())).get(sighting.id()))
                .extracting(Delivery::channel, Delivery::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("log", Delivery.State.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("mqtt", Delivery.State.DELIVERED));
        assertThat(server.outbox().counts().pending()).isZero();
    }

    private List<Sighting> sightings() {
        return server.sightingRepository().between(Instant.EPOCH, Instant.now().plusSeconds(3600));
    }

    private java.util.Optional<Delivery> mqtt() {
        List<Sighting> all = sightings();
        if (all.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Delivery> deliveries = server.outbox().deliveriesOf(List.of(all.get(0).id())).get(all.get(0).id());
        return deliveries == null ? java.util.Optional.empty()
                : deliveries.stream().filter(d -> d.channel().equals("mqtt")).findFirst();
    }

    private String watcherState() {
        try {
            Path state = dir.resolve("birds").resolve(".fieldmark-state");
            return Files.exists(state) ? Files.readString(state) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up waiting: " + what);
            }
            Thread.sleep(50);
        }
    }
}
