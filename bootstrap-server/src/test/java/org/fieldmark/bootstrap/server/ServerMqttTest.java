package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.http.testing.ValidatingWebClient;
import org.fieldmark.adapter.mqtt.testing.EmbeddedBroker;
import org.fieldmark.adapter.mqtt.testing.MqttBroker;
import org.fieldmark.adapter.mqtt.testing.MqttProbe;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server told to notify log and mqtt, against a real MQTT broker in the test JVM (the notifier
 * meets mosquitto in adapter-mqtt's tests) and a loopback model server.
 */
class ServerMqttTest {

    @TempDir
    static Path dir;

    private static HttpServer model;
    private static MqttBroker broker;
    private static FieldmarkServer server;
    private static Vertx vertx;
    private static WebClient client;

    @BeforeAll
    static void start() throws IOException {
        broker = EmbeddedBroker.anonymous(dir.resolve("broker"));
        model = ServerProcess.model("[0.02, 0.94, 0.03, 0.01]");
        server = FieldmarkServer.start(new ServerConfigLoader(Map.of(), path -> "").load(new String[] {
                "--server.port=0", "--folder.watch=false", "--folder.path=" + dir.resolve("birds"),
                "--inference=http", "--http-model.url=http://127.0.0.1:" + model.getAddress().getPort(),
                "--notify=log,mqtt", "--mqtt.url=" + broker.url(), "--mqtt.client-id=server-test",
                "--sightings.path=" + dir.resolve("fieldmark.db"), "--server.public-url=http://feeder.local:8080/"}));
        vertx = Vertx.vertx();
        client = ValidatingWebClient.of(WebClient.create(vertx));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
            vertx.close();
        }
        if (server != null) {
            server.close();
        }
        if (model != null) {
            model.stop(0);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishesTheSightingAndTheHomeAssistantSensorsToTheBroker() throws Exception {
        try (MqttProbe probe = MqttProbe.subscribe(vertx, broker.port(), "fieldmark/+/sighting",
                "homeassistant/sensor/+/config")) {
            HttpResponse<Buffer> response = client.post(server.port(), "127.0.0.1",
                            "/v1/classify?key=birds/card.jpg&notify=true")
                    .putHeader("Content-Type", "image/jpeg").sendBuffer(Buffer.buffer(ImageSamples.jpeg(512)))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);

            List<MqttProbe.Received> received = probe.flush();

            assertThat(received).extracting(MqttProbe.Received::topic).containsExactlyInAnyOrder(
                    "homeassistant/sensor/fieldmark_default_last_species/config",
                    "homeassistant/sensor/fieldmark_default_last_confidence/config",
                    "fieldmark/default/sighting");
            MqttProbe.Received sighting = received.stream().filter(m -> m.topic().endsWith("/sighting")).findFirst()
                    .orElseThrow();
            assertThat(sighting.json().getString("message"))
                    .isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
            assertThat(sighting.json().getString("species")).isEqualTo("Northern Cardinal");
            assertThat(sighting.json().getDouble("probability")).isEqualTo(0.94);
        }
    }

    @Test
    void linksAFolderPhotoThroughThePublicUrlAndCarriesThePolicysReason() throws Exception {
        Path photo = dir.resolve("birds").resolve("garden").resolve("jay & co.jpg");
        Files.createDirectories(photo.getParent());
        Files.write(photo, ImageSamples.jpeg(512));
        try (MqttProbe probe = MqttProbe.subscribe(vertx, broker.port(), "fieldmark/+/sighting")) {
            HttpResponse<Buffer> response = client.post(server.port(), "127.0.0.1", "/v1/identify")
                    .sendJsonObject(new JsonObject().put("key", "garden/jay & co.jpg"))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
            JsonObject logged = response.bodyAsJsonObject().getJsonObject("sighting");

            List<MqttProbe.Received> received = probe.flush();

            assertThat(received).hasSize(1);
            JsonObject sighting = received.get(0).json();
            assertThat(sighting.getString("imageUrl"))
                    .isEqualTo("http://feeder.local:8080/v1/images?key=garden%2Fjay+%26+co.jpg");
            assertThat(sighting.getString("id")).isEqualTo(logged.getString("id"));
            assertThat(sighting.getString("reason")).isEqualTo(logged.getString("reason")).startsWith("notified: ");
        }
    }
}
