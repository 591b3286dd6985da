package org.fieldmark.adapter.http.in.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.http.testing.ValidatingWebClient;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
class WebPageTest {

    private final InMemoryImageStorage folder = new InMemoryImageStorage();
    private HttpServer server;
    /** The page's files, as a browser fetches them: not part of the API document. */
    private WebClient browser;
    /** The API's /v1/images, checked against the OpenAPI document. */
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        Router router = Router.router(vertx);
        new WebPage(folder, Optional.of(Path.of("/home/feeder/birds"))).mount(vertx, router);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebClientOptions options = new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort());
        browser = WebClient.create(vertx, options);
        client = ValidatingWebClient.of(WebClient.create(vertx, options));
    }

    @AfterEach
    void stop() throws Exception {
        browser.close();
        client.close();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> get(String uri) throws Exception {
        WebClient through = uri.startsWith("/v1/") ? client : browser;
        try {
            return through.get(uri).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError mismatch) {
                throw mismatch;
            }
            throw e;
        }
    }

    @Test
    void servesThePageFromTheJarWithoutExternalResources() throws Exception {
        HttpResponse<Buffer> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString()).contains("<title>Fieldmark</title>", "/app.js", "/style.css")
                .doesNotContain("http://", "https://");
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(get("/app.js").bodyAsString()).contains("/v1/classify", "/v1/sightings", "/v1/species",
                "/v1/stats/hourly", "/v1/intake");
        assertThat(get("/tiles.js").bodyAsString()).contains("/review");
        assertThat(page.bodyAsString()).contains("id=\"species-list\"", "id=\"hour-chart\"", "id=\"tiles\"",
                "id=\"welcome\"");
        assertThat(get("/style.css").statusCode()).isEqualTo(200);
        for (String script : List.of("/common.js", "/deliveries.js", "/tiles.js", "/app.js")) {
            assertThat(page.bodyAsString()).contains("<script src=\"" + script + "\"></script>");
            assertThat(get(script).bodyAsString()).as(script).doesNotContain("http://", "https://");
        }
        assertThat(get("/deliveries.js").bodyAsString()).contains("window.fieldmarkDeliveries");
    }

    /** Nothing shows where there is nothing to show: no image element before a photo is chosen. */
    @Test
    void theFirstScreenHasNoImageElement() throws Exception {
        assertThat(get("/").bodyAsString()).doesNotContain("<img");
        assertThat(get("/species/Cardinalis%20cardinalis").bodyAsString()).doesNotContain("<img");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/species/Cardinalis%20cardinalis", "/species/Turdus%20merula/", "/species/Nobody%20knows",
            "/species/%3Cscript%3E"})
    void servesTheSpeciesCardPageForAnyNameAndLetsItsScriptAskTheApi(String uri) throws Exception {
        HttpResponse<Buffer> card = get(uri);

        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.getHeader("Content-Type")).startsWith("text/html");
        assertThat(card.getHeader("Content-Security-Policy")).contains("script-src 'self'");
        // The name is read by the script from the address, never written into the page by the server.
        assertThat(card.bodyAsString()).contains("<script src=\"/species.js\"></script>", "href=\"/style.css\"")
                .doesNotContain("http://", "https://", "Cardinalis", "Nobody", "<script>");
        assertThat(get("/species.js").bodyAsString()).contains("/v1/species/", "/best")
                .doesNotContain("http://", "https://");
    }

    @Test
    void namesTheWatchedFolderForTheFirstScreen() throws Exception {
        HttpResponse<Buffer> intake = get("/v1/intake");

        assertThat(intake.statusCode()).isEqualTo(200);
        assertThat(intake.bodyAsJsonObject().getString("watchedFolder")).isEqualTo(Path.of("/home/feeder/birds")
                .toString());
    }

    @Test
    void servesInteractiveApiDocsFromTheJarPointedAtTheServedDocument() throws Exception {
        HttpResponse<Buffer> bare = browser.get("/docs").followRedirects(false).send().toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        HttpResponse<Buffer> docs = get("/docs/");

        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.getHeader("Location")).isEqualTo("/docs/");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.getHeader("Content-Type")).startsWith("text/html");
        assertThat(docs.bodyAsString()).contains("swagger-ui-bundle.js", "swagger-ui.css", "fieldmark-docs.js")
                .doesNotContain("http://", "https://");
        assertThat(docs.getHeader("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-eval");
        assertThat(get("/docs/fieldmark-docs.js").bodyAsString()).contains("url: '/openapi.yaml'")
                .doesNotContain("petstore");
        HttpResponse<Buffer> bundle = get("/docs/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.getHeader("Content-Type")).contains("javascript");
        assertThat(bundle.bodyAsString()).contains("SwaggerUIBundle");
        assertThat(get("/docs/swagger-ui.css").statusCode()).isEqualTo(200);
        assertThat(get("/").bodyAsString()).contains("<a href=\"/docs/\">API docs</a>");
    }

    @Test
    void showsAPhotoOfTheFolderByItsKey() throws Exception {
        byte[] photo = ImageSamples.jpeg(300);
        folder.put("", "garden/robin.jpg", photo, "image/jpeg");

        HttpResponse<Buffer> image = get("/v1/images?key=garden%2Frobin.jpg");

        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.getHeader("Content-Type")).isEqualTo("image/jpeg");
        assertThat(image.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(image.body().getBytes()).isEqualTo(photo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/images?key=missing.jpg", "/v1/images?key=..%2F..%2Fetc%2Fpasswd",
            "/v1/images?key=%2Fetc%2Fpasswd"})
    void answersNotFoundWithAProblemForAnythingElse(String uri) throws Exception {
        HttpResponse<Buffer> response = get(uri);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("IMAGE_NOT_FOUND");
        assertThat(response.bodyAsJsonObject().getString("detail")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/images", "/v1/images?key=", "/v1/images?key=%20%20", "/v1/images?other=a.jpg"})
    void asksForTheKeyWhenThereIsNone(String uri) throws Exception {
        HttpResponse<Buffer> response = get(uri);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_REQUEST");
        assertThat(response.bodyAsJsonObject().getString("detail")).contains("/v1/images?key=");
    }
}
