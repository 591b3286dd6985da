package org.fieldmark.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.fieldmark.adapter.mqtt.testing.MqttBroker;
import org.fieldmark.application.port.in.FrigateEventsUseCase;
import org.fieldmark.application.port.in.FrigateOutcome;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.domain.frigate.FrigateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frigate's event topic through a real broker into the use case: order, bad input, a full queue,
 * downtime. Run against each broker kind by its subclasses.
 */
abstract class FrigateEventSourceSuite {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private Vertx vertx;
    private MqttBroker broker;
    private MqttClient frigate;
    private final List<FrigateEvent> handled = new CopyOnWriteArrayList<>();
    private final RecordingLogger log = new RecordingLogger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    /** How long each event takes, as behind a slow Frigate. */
    private volatile long slowMillis;
    private final CountDownLatch started = new CountDownLatch(1);
    private final FrigateEventsUseCase useCase = event -> {
        started.countDown();
        try {
            gate.await(30, TimeUnit.SECONDS);
            Thread.sleep(slowMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handled.add(event);
        return FrigateOutcome.skipped(event.id(), "recorded by the test");
    };

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        broker = brokers().anonymous(dir);
        frigate = MqttClient.create(vertx, new MqttClientOptions().setClientId("frigate"));
        frigate.connect(broker.port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Which brokers the suite runs against. */
    protected abstract MqttBroker.Kind brokers();

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        frigate.disconnect();
        broker.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private FrigateEventSource source(int queue) throws Exception {
        MqttSettings settings = MqttSettings.of(URI.create(broker.url())).withClientId("fieldmark-frigate")
                .withTopics("fieldmark/frigate", "homeassistant", false)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
        FrigateEventSource source = new FrigateEventSource(vertx, settings, "frigate", queue, WAIT, useCase,
                log);
        source.subscribed().get(10, TimeUnit.SECONDS);
        publish(message("probe", "new", 0.1));
        waitFor(() -> source.received() >= 1);
        return source;
    }

    private void publish(String payload) throws Exception {
        frigate.publish("frigate/events", Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String message(String id, String type, double topScore) {
        return "{\"type\":\"" + type + "\",\"before\":{},\"after\":{\"id\":\"" + id + "\",\"camera\":\"feeder\","
                + "\"label\":\"bird\",\"sub_label\":null,\"top_score\":" + topScore + ",\"false_positive\":false,"
                + "\"has_snapshot\":true,\"current_zones\":[],\"entered_zones\":[],\"start_time\":1.0,"
                + "\"end_time\":null}}";
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void handsEveryEventToTheUseCaseInTheOrderFrigatePublishedThem() throws Exception {
        try (FrigateEventSource source = source(16)) {
            publish(message("e1", "new", 0.7));
            publish(message("e1", "update", 0.8));
            publish(message("e1", "end", 0.8));

            waitFor(() -> handled.size() == 4);

            assertThat(handled.subList(1, 4)).extracting(FrigateEvent::type).containsExactly(FrigateEvent.Type.NEW,
                    FrigateEvent.Type.UPDATE, FrigateEvent.Type.END);
            assertThat(handled.get(2).topScore()).isEqualTo(0.8);
            assertThat(source.rejected()).isZero();
            assertThat(source.dropped()).isZero();
        }
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                Arguments.of("not JSON", "online", "not JSON"),
                Arguments.of("no after", "{\"type\":\"new\"}", "'after' is missing"),
                Arguments.of("no camera", "{\"type\":\"new\",\"after\":{\"id\":\"x\",\"label\":\"bird\"}}",
                        "'camera' is missing"),
                Arguments.of("huge", "{\"type\":\"new\",\"pad\":\"" + "x".repeat(100_000) + "\"}",
                        "more than the 65536"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void aMessageThatIsNotAnEventIsLoggedWithItsReasonCountedAndTheNextOneStillHandled(String name, String payload,
                                                                                       String reason) throws Exception {
        try (FrigateEventSource source = source(16)) {
            publish(payload);
            publish(message("after-the-bad-one", "new", 0.7));

            waitFor(() -> handled.size() == 2);

            assertThat(source.rejected()).isEqualTo(1);
            assertThat(handled.get(1).id()).isEqualTo("after-the-bad-one");
            assertThat(log.texts()).anySatisfy(line -> assertThat(line).contains("frigate.event_rejected", reason));
        }
    }

    @Test
    void whatTheQueueCannotHoldIsDroppedCountedAndLoggedWithoutBlockingTheBroker() throws Exception {
        gate = new CountDownLatch(1);
        try (FrigateEventSource source = source(1)) {
            assertThat(started.await(10, TimeUnit.SECONDS)).as("the worker holds the probe").isTrue();
            for (int i = 1; i <= 4; i++) {
                publish(message("e" + i, "new", 0.7));
            }
            // A message is counted as received before the queue is tried: wait for the drops too.
            waitFor(() -> source.received() == 5 && source.dropped() >= 3);

            assertThat(source.dropped()).isEqualTo(3);
            assertThat(log.texts()).filteredOn(line -> line.contains("frigate.event_dropped")).hasSize(3)
                    .allSatisfy(line -> assertThat(line).contains("the queue of 1 events"));

            gate.countDown();
            waitFor(() -> handled.size() == 2);
            assertThat(handled).extracting(FrigateEvent::id).containsExactly("probe", "e1");
        }
    }

    @Test
    void eventsPublishedWhileFieldmarkWasAwayArriveWhenItIsBack() throws Exception {
        source(16).close();

        publish(message("while-away", "end", 0.9));
        try (FrigateEventSource back = source(16)) {
            waitFor(() -> handled.stream().anyMatch(e -> e.id().equals("while-away")));

            assertThat(handled).extracting(FrigateEvent::id).contains("while-away");
        }
    }

    @Test
    void aGracefulStopHandlesTheEventsStillQueuedBeforeItEnds() throws Exception {
        FrigateEventSource source = source(16);
        waitFor(() -> handled.size() == 1);
        slowMillis = 300;
        for (int i = 1; i <= 4; i++) {
            publish(message("queued-" + i, "new", 0.7));
        }
        waitFor(() -> source.received() == 5);

        source.close();

        assertThat(handled).extracting(FrigateEvent::id).containsExactly("probe", "queued-1", "queued-2", "queued-3",
                "queued-4");
        assertThat(log.texts()).noneSatisfy(line -> assertThat(line).contains("frigate.events_abandoned"));
    }
}
