package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.http.out.webhook.WebhookSignature;
import org.fieldmark.adapter.http.testing.ValidatingWebClient;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server wired to a model server (the SageMaker container contract) and a signed webhook,
 * both loopback servers started here: the configuration names them and the server uses them.
 */
class ServerHttpPathTest {

    /** Keeps the server's bird log out of the working directory. */
    @TempDir
    static Path data;

    private static final String SECRET = "feeder-secret";

    private static HttpServer model;
    private static HttpServer receiver;
    private static final List<String> modelCalls = new CopyOnWriteArrayList<>();
    private static final List<byte[]> deliveries = new CopyOnWriteArrayList<>();
    private static final List<String> signatures = new CopyOnWriteArrayList<>();
    private static FieldmarkServer server;
    private static Vertx vertx;
    private static WebClient client;

    @BeforeAll
    static void start() throws IOException {
        model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/invocations", exchange -> {
            modelCalls.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "[0.55, 0.10, 0.05, 0.30]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        model.createContext("/ping", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        model.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/birds", exchange -> {
            deliveries.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        server = FieldmarkServer.start(new ServerConfigLoader(Map.of("FIELDMARK_WEBHOOK_SECRET", SECRET), path -> "")
                .load(new String[] {"--server.port=0", "--folder.watch=false",
                        "--folder.path=" + System.getProperty("java.io.tmpdir") + "/fieldmark-http-path",
                        "--inference=http", "--http-model.url=http://127.0.0.1:" + model.getAddress().getPort(),
                        "--notify=webhook", "--sightings.path=" + data.resolve("fieldmark.db"),
                        "--policy.notify-threshold=0", "--policy.source=garden-cam",
                        "--webhook.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/birds"}));
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
        model.stop(0);
        receiver.stop(0);
    }

    @Test
    void asksTheModelServerAndDeliversASignedWebhook() throws Exception {
        HttpResponse<Buffer> response = client.post(server.port(), "127.0.0.1", "/v1/classify?key=birds/x.jpg&notify=true")
                .putHeader("Content-Type", "image/jpeg").sendBuffer(Buffer.buffer(ImageSamples.jpeg(512)))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("message"))
                .isEqualTo("Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
        assertThat(modelCalls).containsExactly("image/jpeg");
        assertThat(deliveries).hasSize(1);
        byte[] body = deliveries.get(0);
        assertThat(new JsonObject(Buffer.buffer(body)).getString("message"))
                .isEqualTo("Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
        assertThat(WebhookSignature.verify(SECRET, body, signatures.get(0))).isTrue();
        JsonObject sighting = new JsonObject(Buffer.buffer(body)).getJsonObject("sighting");
        assertThat(sighting.getString("source")).isEqualTo("garden-cam");
        assertThat(sighting.getString("reason")).isEqualTo("notified: Purple Martin (0.55)");
        assertThat(sighting.getString("id")).isEqualTo(response.bodyAsJsonObject().getJsonObject("sighting")
                .getString("id"));
        assertThat(WebhookSignature.verify("another-secret", body, signatures.get(0))).isFalse();
    }

    @Test
    void isReadyWhileTheModelServerAnswersItsPing() throws Exception {
        HttpResponse<Buffer> ready = client.get(server.port(), "127.0.0.1", "/ready").send()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(ready.statusCode()).isEqualTo(200);
    }
}
