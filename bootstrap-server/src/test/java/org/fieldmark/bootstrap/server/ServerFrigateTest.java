package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.fieldmark.adapter.http.out.frigate.FrigateDouble;
import org.fieldmark.adapter.mqtt.testing.EmbeddedBroker;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server listening to Frigate: a real MQTT broker in the test JVM carries Frigate's events, a
 * stand-in Frigate serves the crops and takes the sub labels, a loopback model names the birds (by
 * the crop's size: 512 bytes a Northern Cardinal at 0.94, 700 an Eastern Bluebird at 0.97), a
 * webhook counts the notifications and the bird log is a SQLite file.
 */
class ServerFrigateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] CARDINAL = ImageSamples.jpeg(512);
    private static final byte[] BLUEBIRD = ImageSamples.jpeg(700);

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private FrigateDouble frigate;
    private HttpServer model;
    private CountingWebhook webhook;
    private Vertx vertx;
    private MqttClient publisher;
    private FieldmarkServer server;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.anonymous(dir.resolve("broker"));
        frigate = new FrigateDouble();
        model = model();
        webhook = new CountingWebhook();
        vertx = Vertx.vertx();
        publisher = MqttClient.create(vertx, new MqttClientOptions().setClientId("frigate"));
        publisher.connect(broker.port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10,
                TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        publisher.disconnect();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        webhook.close();
        model.stop(0);
        frigate.close();
        broker.close();
    }

    /** A model answering by the crop's size, so each snapshot shows the bird the test put in it. */
    private static HttpServer model() throws IOException {
        HttpServer model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/invocations", exchange -> {
            int size = exchange.getRequestBody().readAllBytes().length;
            byte[] body = (size == BLUEBIRD.length ? "[0.01, 0.01, 0.01, 0.97]" : "[0.02, 0.94, 0.03, 0.01]")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        model.start();
        return model;
    }

    private FieldmarkServer server(int run, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--folder.watch=false",
                "--folder.path=" + dir.resolve("birds"), "--inference=http",
                "--http-model.url=http://127.0.0.1:" + model.getAddress().getPort(), "--notify=webhook",
                "--webhook.url=" + webhook.url(run), "--mqtt.url=" + broker.url(), "--mqtt.client-id=server-" + run,
                "--sightings.path=" + dir.resolve("fieldmark.db"), "--frigate.url=" + frigate.url(),
                "--frigate.cameras=feeder"));
        args.addAll(List.of(more));
        server = FieldmarkServer.start(new ServerConfigLoader(Map.of(), path -> "").load(args.toArray(String[]::new)));
        return server;
    }

    private void publish(String id, String type, String label, String camera, double topScore) throws Exception {
        String event = "{\"type\":\"" + type + "\",\"before\":{\"id\":\"" + id + "\"},\"after\":{\"id\":\"" + id
                + "\",\"camera\":\"" + camera + "\",\"frame_time\":1.5,\"label\":\"" + label + "\",\"sub_label\":null,"
                + "\"top_score\":" + topScore + ",\"false_positive\":false,\"start_time\":1.0,\"end_time\":"
                + (type.equals("end") ? "9.0" : "null") + ",\"current_zones\":[],\"entered_zones\":[],"
                + "\"has_clip\":true,\"has_snapshot\":true,\"attributes\":{}}}";
        publisher.publish("frigate/events", Buffer.buffer(event), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private List<Sighting> sightingsOf(String eventId) {
        return server.sightingRepository().between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).stream()
                .filter(s -> s.sourceKey().equals(eventId)).toList();
    }

    private long snapshotsOf(String eventId) {
        return frigate.requests().stream().filter(r -> r.path().equals("/api/events/" + eventId + "/snapshot.jpg"))
                .count();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(20);
        }
    }

    /** The server subscribes after it connects: a first event, repeated until it is seen, shows it listens. */
    private void listening(String id) throws Exception {
        frigate.snapshot(id, CARDINAL);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (snapshotsOf(id) == 0) {
            publish(id, "new", "bird", "feeder", 0.8);
            Thread.sleep(200);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server never took an event from the broker");
            }
        }
    }

    @Test
    void aBirdEventIsIdentifiedRecordedToldOnceAndLabelledInFrigate() throws Exception {
        server(1);
        listening("warm-up");
        frigate.snapshot("e1", CARDINAL);

        publish("e1", "new", "bird", "feeder", 0.8);
        eventually(() -> frigate.subLabels().size() == 2);

        assertThat(frigate.subLabels().get(1))
                .isEqualTo("{\"subLabel\":\"Northern Cardinal\",\"subLabelScore\":0.94,\"camera\":\"feeder\"}");
        assertThat(frigate.requests()).filteredOn(r -> r.path().equals("/api/events/e1/snapshot.jpg"))
                .singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("crop=1&quality=95"));
        assertThat(sightingsOf("e1")).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo("feeder");
            assertThat(s.displayName()).isEqualTo("Northern Cardinal");
        });
        eventually(() -> webhook.keys(1).contains("e1"));
    }

    @Test
    void aBetterSnapshotReplacesTheGuessAndOtherEventsAreIgnored() throws Exception {
        server(1);
        listening("warm-up");
        frigate.snapshot("e2", CARDINAL).snapshot("p1", CARDINAL).snapshot("d1", CARDINAL);

        publish("p1", "new", "person", "feeder", 0.9);
        publish("d1", "new", "bird", "driveway", 0.9);
        publish("e2", "new", "bird", "feeder", 0.8);
        eventually(() -> sightingsOf("e2").size() == 1);
        frigate.snapshot("e2", BLUEBIRD);
        publish("e2", "update", "bird", "feeder", 0.7);
        publish("e2", "update", "bird", "feeder", 0.9);
        publish("e2", "end", "bird", "feeder", 0.9);
        eventually(() -> sightingsOf("e2").get(0).displayName().equals("Eastern Bluebird"));

        assertThat(snapshotsOf("e2")).isEqualTo(2);
        assertThat(snapshotsOf("p1")).isZero();
        assertThat(snapshotsOf("d1")).isZero();
        assertThat(sightingsOf("e2")).hasSize(1);
        Thread.sleep(1500);
        assertThat(webhook.keys(1)).filteredOn("e2"::equals).hasSize(1);
    }

    @Test
    void frigateFailingOnceIsRetriedAndARefusedTokenFailsTheEventWithAReason() throws Exception {
        server(1, "--frigate.token=right");
        frigate.requireToken("right");
        listening("warm-up");
        frigate.snapshot("e3", CARDINAL).failNext(500, 1);

        publish("e3", "new", "bird", "feeder", 0.8);
        eventually(() -> sightingsOf("e3").size() == 1 && frigate.requests().stream()
                .anyMatch(r -> r.path().equals("/api/events/e3/sub_label")));

        assertThat(snapshotsOf("e3")).isEqualTo(2);
        assertThat(frigate.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer right"));

        frigate.requireToken("rotated").snapshot("e4", CARDINAL);
        publish("e4", "new", "bird", "feeder", 0.8);
        publish("e4", "end", "bird", "feeder", 0.95);
        eventually(() -> snapshotsOf("e4") == 1);
        Thread.sleep(1000);
        assertThat(snapshotsOf("e4")).as("a refusal is not retried, not even by the end").isEqualTo(1);
        assertThat(sightingsOf("e4")).isEmpty();
    }

    @Test
    void aRestartMidEventStillGivesOneSightingAndOneNotification() throws Exception {
        server(1);
        listening("warm-up");
        frigate.snapshot("e5", CARDINAL);
        publish("e5", "new", "bird", "feeder", 0.8);
        eventually(() -> sightingsOf("e5").size() == 1 && webhook.keys(1).contains("e5"));
        server.close();
        server = null;

        // The same message again (QoS 1 after a reconnect), then the event's end, to the restarted server.
        server(2);
        listening("warm-up-2");
        publish("e5", "new", "bird", "feeder", 0.8);
        publish("e5", "end", "bird", "feeder", 0.8);
        eventually(() -> snapshotsOf("e5") == 2);
        Thread.sleep(1500);

        assertThat(sightingsOf("e5")).hasSize(1);
        assertThat(webhook.keys(1)).filteredOn("e5"::equals).hasSize(1);
        assertThat(webhook.keys(2)).doesNotContain("e5");
    }

    @Test
    void aMissingSnapshotFailsTheEventForGoodAcrossARestart() throws Exception {
        server(1);
        listening("warm-up");
        publish("gone", "new", "bird", "feeder", 0.8);
        eventually(() -> metrics().contains("fieldmark_frigate_events_failed_total 1.0"));
        assertThat(snapshotsOf("gone")).isEqualTo(1);
        server.close();
        server = null;

        // The event's update and end reach the restarted server; an event after them shows they were handled.
        server(2);
        listening("warm-up-2");
        publish("gone", "update", "bird", "feeder", 0.9);
        publish("gone", "end", "bird", "feeder", 0.9);
        frigate.snapshot("after-gone", CARDINAL);
        publish("after-gone", "new", "bird", "feeder", 0.8);
        eventually(() -> sightingsOf("after-gone").size() == 1);

        assertThat(snapshotsOf("gone")).as("the snapshot is not asked for again after the restart").isEqualTo(1);
        assertThat(sightingsOf("gone")).isEmpty();
    }

    private String metrics() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    @Test
    void metricsCountFrigatesMessages() throws Exception {
        server(1);
        listening("warm-up");
        publish("bad", "new", "bird", "feeder", 7.0);
        Thread.sleep(500);

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.body()).contains("fieldmark_frigate_events_dropped_total 0.0")
                .contains("fieldmark_frigate_events_rejected_total 1.0")
                .containsPattern("fieldmark_frigate_events_received_total [1-9]");
    }
}
