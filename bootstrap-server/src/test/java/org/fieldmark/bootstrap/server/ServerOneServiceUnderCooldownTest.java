package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.fieldmark.adapter.log.LogNotificationAdapter;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty photos of one species at once, half uploaded and half fetched from URLs, under a
 * 30-minute cooldown: one service with one recorder decides them all, so exactly one is told and
 * the other 49 are recorded as suppressed. (With one service per image source, a URL request and
 * an upload could both pass the cooldown.)
 */
class ServerOneServiceUnderCooldownTest {

    private static final int PHOTOS = 50;

    @TempDir
    Path dir;

    private HttpServer model;
    private HttpServer photos;
    private FieldmarkServer server;
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final Logger notifications = Logger.getLogger(LogNotificationAdapter.LOGGER_NAME);
    private final Handler counting = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains("\"event\":\"msg\"")) {
                told.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() {
        notifications.removeHandler(counting);
        if (server != null) {
            server.close();
        }
        model.stop(0);
        photos.stop(0);
    }

    private static HttpServer serve(String path, String contentType, java.util.function.Function<String, byte[]> body)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(path, exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = body.apply(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("ETag", "\"" + exchange.getRequestURI().getPath().hashCode() + "\"");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        http.start();
        return http;
    }

    @Test
    void fiftyConcurrentUploadsAndUrlRequestsOfOneSpeciesUnderACooldownTellOnce() throws Exception {
        model = serve("/invocations", "application/json", path -> "[0.02, 0.94, 0.03, 0.01]"
                .getBytes(StandardCharsets.UTF_8));
        photos = serve("/", "image/jpeg", path -> ImageSamples.jpeg(512));
        notifications.addHandler(counting);
        server = FieldmarkServer.start(new ServerConfigLoader(Map.of(), p -> "").load(new String[] {
                "--server.port=0", "--server.workers=4", "--folder.watch=false",
                "--folder.path=" + dir.resolve("birds"), "--inference=http",
                "--http-model.url=http://127.0.0.1:" + model.getAddress().getPort(), "--notify=log",
                "--url.allow=127.0.0.1/32", "--policy.cooldown-minutes=30",
                "--sightings.path=" + dir.resolve("fieldmark.db")}));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + server.port();

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < PHOTOS; i++) {
            HttpRequest request = i % 2 == 0
                    ? HttpRequest.newBuilder(URI.create(base + "/v1/classify?notify=true&key=upload-" + i + ".jpg"))
                            .header("Content-Type", "image/jpeg").timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(ImageSamples.jpeg(512))).build()
                    : HttpRequest.newBuilder(URI.create(base + "/v1/identify"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"http://127.0.0.1:"
                                    + photos.getAddress().getPort() + "/photo-" + i + ".jpg\"}")).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        List<Sighting> recorded = server.sightingRepository().between(Instant.EPOCH,
                Instant.now().plusSeconds(3600));
        assertThat(recorded).hasSize(PHOTOS);
        assertThat(recorded).filteredOn(Sighting::notified).hasSize(1);
        assertThat(recorded.stream().map(Sighting::sourceKey).filter(k -> k.startsWith("http://")).count())
                .isEqualTo(PHOTOS / 2);
        assertThat(told).hasSize(1);
    }
}
