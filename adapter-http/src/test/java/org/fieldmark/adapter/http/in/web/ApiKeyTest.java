package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.stream.Stream;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(VertxExtension.class)
class ApiKeyTest {

    private static final String KEY = "s3cr3t-k3y-0123456789";

    private ApiFixture api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiFixture.start(vertx, ApiFixture.settings().withApiKey(KEY), true);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    static Stream<Arguments> authorizationHeaders() {
        return Stream.of(
                Arguments.of("no header", null, 401),
                Arguments.of("empty", "", 401),
                Arguments.of("scheme only", "Bearer ", 401),
                Arguments.of("wrong key", "Bearer wrong", 401),
                Arguments.of("key with a character missing", "Bearer " + KEY.substring(1), 401),
                Arguments.of("key with a character more", "Bearer " + KEY + "x", 401),
                Arguments.of("wrong case of the key", "Bearer " + KEY.toUpperCase(), 401),
                Arguments.of("basic scheme", "Basic " + KEY, 401),
                Arguments.of("key without scheme", KEY, 401),
                Arguments.of("right key", "Bearer " + KEY, 200),
                Arguments.of("scheme in lower case", "bearer " + KEY, 200),
                Arguments.of("surrounding spaces", "Bearer   " + KEY + "  ", 200));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("authorizationHeaders")
    void classifyNeedsTheKey(String name, String authorization, int status) throws Exception {
        HttpRequest<Buffer> request = api.post("/v1/classify?key=a.jpg").putHeader("Content-Type", "image/jpeg");
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }

        HttpResponse<Buffer> response = ApiFixture.send(request, Buffer.buffer(ImageSamples.jpeg(64)));

        assertThat(response.statusCode()).isEqualTo(status);
        if (status == 401) {
            assertThat(ApiFixture.problem(response).getString("code")).isEqualTo("UNAUTHORIZED");
            assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"fieldmark\"");
            assertThat(api.model.seen()).isEmpty();
        } else {
            assertThat(api.model.seen()).hasSize(1);
        }
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/health", 200),
                Arguments.of(HttpMethod.GET, "/ready", 200),
                Arguments.of(HttpMethod.GET, "/metrics", 401),
                Arguments.of(HttpMethod.GET, "/openapi.yaml", 401),
                Arguments.of(HttpMethod.GET, "/v1/identifications", 401),
                Arguments.of(HttpMethod.POST, "/v1/identify", 401),
                Arguments.of(HttpMethod.POST, "/v1/events/s3", 401),
                Arguments.of(HttpMethod.GET, "/v1/nowhere", 401),
                Arguments.of(HttpMethod.GET, "/v1/sightings", 401),
                Arguments.of(HttpMethod.GET, "/v1/sightings.csv", 401),
                Arguments.of(HttpMethod.GET, "/v1/species", 401),
                Arguments.of(HttpMethod.GET, "/v1/stats/hourly", 401),
                Arguments.of(HttpMethod.POST, "/v1/sightings/b1/review", 401),
                Arguments.of(HttpMethod.GET, "/v1/sightings/b1/thumbnail", 401),
                Arguments.of(HttpMethod.GET, "/v1/images?key=a.jpg", 401),
                // The page's own files hold no data: let through (404 here, as no page is mounted).
                Arguments.of(HttpMethod.GET, "/", 404),
                Arguments.of(HttpMethod.GET, "/app.js", 404),
                Arguments.of(HttpMethod.GET, "/style.css", 404),
                Arguments.of(HttpMethod.GET, "/index.html", 404),
                // So are the interactive docs' files; the document they show needs the key (above).
                Arguments.of(HttpMethod.GET, "/docs", 404),
                Arguments.of(HttpMethod.GET, "/docs/", 404),
                Arguments.of(HttpMethod.GET, "/docs/swagger-ui-bundle.js", 404),
                Arguments.of(HttpMethod.GET, "/other.js", 401),
                // Dot segments are resolved before the key is checked, as the router resolves them.
                Arguments.of(HttpMethod.GET, "/docs/%2e%2e/v1/sightings", 401),
                Arguments.of(HttpMethod.GET, "/docs/%2E%2E/v1/species", 401),
                Arguments.of(HttpMethod.GET, "/docs/../v1/sightings", 401),
                Arguments.of(HttpMethod.GET, "/docs/./../openapi.yaml", 401),
                Arguments.of(HttpMethod.GET, "/health/../v1/identifications", 401));
    }

    @ParameterizedTest(name = "{0} {1} without a key -> {2}")
    @MethodSource("routes")
    void onlyHealthReadinessAndThePageAreOpen(HttpMethod method, String uri, int status) throws Exception {
        HttpRequest<Buffer> request = api.client.request(method, uri);
        HttpResponse<Buffer> response = method == HttpMethod.POST
                ? ApiFixture.send(request.putHeader("Content-Type", "application/json"), Buffer.buffer("{}"))
                : ApiFixture.send(request);

        assertThat(response.statusCode()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/v1/sightings", "/v1/sightings.csv", "/v1/species",
            "/v1/stats/hourly"})
    void theBirdLogAnswersWithTheKey(String uri) throws Exception {
        HttpResponse<Buffer> response = ApiFixture.send(api.get(uri).putHeader("Authorization", "Bearer " + KEY));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void settingsNeverPrintTheKey() {
        assertThat(ApiFixture.settings().withApiKey(KEY).toString()).doesNotContain(KEY).contains("apiKey=set");
    }
}
