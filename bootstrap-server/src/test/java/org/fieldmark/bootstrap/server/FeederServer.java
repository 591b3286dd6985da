package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.fieldmark.domain.sighting.Sighting;
import org.openqa.selenium.support.ui.FluentWait;

/** The real server on its embedded defaults, watching a folder, as the page's browser tests fill it. */
final class FeederServer {

    private FeederServer() {
    }

    /** A server with {@code dir}/birds as its watched folder and {@code dir}/fieldmark.db as its bird log. */
    static FieldmarkServer start(Path dir) {
        return FieldmarkServer.start(new ServerConfigLoader(Map.of(), path -> "").load(new String[] {
            "--server.port=0", "--folder.path=" + dir.resolve("birds"), "--folder.poll-interval-ms=200",
            "--sightings.path=" + dir.resolve("fieldmark.db")}));
    }

    /** Identifies a test photo through the API, as an upload named {@code key}. */
    static void upload(FieldmarkServer to, String photo, String key) throws IOException, InterruptedException {
        byte[] bytes;
        try (InputStream in = FeederServer.class.getResourceAsStream("/photos/" + photo)) {
            assertThat(in).as(photo).isNotNull();
            bytes = in.readAllBytes();
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + to.port() + "/v1/classify?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)))
                .header("Content-Type", photo.endsWith(".bmp") ? "image/bmp" : "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The sighting recorded for the photo whose key ends with {@code key}, once it is. */
    static Sighting sightingOf(FieldmarkServer in, String key) {
        return new FluentWait<>(in).withTimeout(Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(100))
                .withMessage("a sighting of " + key).until(server -> server.sightingRepository()
                        .between(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                        .filter(s -> s.sourceKey().endsWith(key)).findFirst().orElse(null));
    }
}
