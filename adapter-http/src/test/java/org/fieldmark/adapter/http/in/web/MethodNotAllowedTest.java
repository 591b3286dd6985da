package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.PathItem;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fieldmark.adapter.http.testing.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A path the API serves, asked with a method it does not take, answers 405 METHOD_NOT_ALLOWED with
 * {@code Allow} naming exactly the methods openapi.yaml lists for it (RFC 9110), with the page's
 * files on the same router as the server mounts them and without; unknown paths stay 404; the API
 * key is asked for before the method is looked at. HEAD and OPTIONS are not served: 405 as well.
 */
@ExtendWith(VertxExtension.class)
class MethodNotAllowedTest {

    private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final String KEY = "k3y-of-the-405-tests";

    /** The API alone and with the page, without a key: the tables below ask them hundreds of times. */
    private static ApiFixture alone;
    private static ApiFixture withPage;
    private ApiFixture api;

    @BeforeAll
    static void startShared(Vertx vertx) throws Exception {
        alone = ApiFixture.start(vertx, ApiFixture.settings(), true);
        withPage = ApiFixture.startWithPage(vertx, ApiFixture.settings());
    }

    @AfterAll
    static void stopShared() {
        alone.close();
        withPage.close();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private void start(Vertx vertx, boolean page, WebApiSettings settings) throws Exception {
        api = page ? ApiFixture.startWithPage(vertx, settings) : ApiFixture.start(vertx, settings, true);
    }

    private static ApiFixture shared(String setup) {
        return setup.equals("with the page") ? withPage : alone;
    }

    /** Every path of openapi.yaml with every method it does not list, and the Allow its answer must carry. */
    static Stream<Arguments> wrongMethods() {
        List<Arguments> cases = new ArrayList<>();
        OpenApiContract.served().api().getPaths().forEach((path, item) -> {
            Set<String> listed = item.readOperationsMap().keySet().stream().map(PathItem.HttpMethod::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            String uri = path.replace("{id}", "b1").replace("{scientificName}", "Passer%20domesticus");
            for (HttpMethod method : METHODS) {
                if (!listed.contains(method.name())) {
                    for (boolean page : new boolean[] {true, false}) {
                        cases.add(Arguments.of(page ? "with the page" : "alone", method, uri, String.join(", ", listed)));
                    }
                }
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> 405, Allow: {3}")
    @MethodSource("wrongMethods")
    void aKnownPathNamesTheMethodsItTakes(String setup, HttpMethod method, String uri, String allow) throws Exception {
        ApiFixture server = shared(setup);

        HttpResponse<Buffer> response = ApiFixture.send(server.client.request(method, uri));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().getAll("Allow")).containsExactly(allow);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        if (method != HttpMethod.HEAD) { // a HEAD answer has no body
            JsonObject problem = response.bodyAsJsonObject();
            assertThat(problem.getString("code")).isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(problem.getInteger("status")).isEqualTo(405);
            assertThat(problem.getBoolean("retryable")).isFalse();
            assertThat(problem.getString("detail")).startsWith(uri + " does not take " + method.name() + ", only "
                    + allow);
            assertThat(problem.getString("instance")).isEqualTo(uri);
        }
        assertThat(server.model.seen()).isEmpty();
    }

    static Stream<Arguments> unknownPaths() {
        List<Arguments> cases = new ArrayList<>();
        for (String uri : List.of("/v1/nowhere", "/v2/classify", "/v1", "/v1/classify/more", "/v1/sightings/b1/deliveries",
                "/v1/sightings/b1/review/more", "/v1/stats")) {
            for (HttpMethod method : METHODS) {
                cases.add(Arguments.of("with the page", method, uri));
                cases.add(Arguments.of("alone", method, uri));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> 404")
    @MethodSource("unknownPaths")
    void anUnknownPathIsNotFoundWhateverTheMethod(String setup, HttpMethod method, String uri) throws Exception {
        HttpResponse<Buffer> response = ApiFixture.send(shared(setup).client.request(method, uri));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.getHeader("Allow")).isNull();
        if (method != HttpMethod.HEAD) {
            assertThat(ApiFixture.problem(response).getString("code")).isEqualTo("ROUTE_NOT_FOUND");
        }
    }

    /** Who is told what without the key, and with it: the key first, on the paths that need it. */
    static Stream<Arguments> withAndWithoutTheKey() {
        return Stream.of(
                Arguments.of(HttpMethod.DELETE, "/v1/classify", false, 401, null),
                Arguments.of(HttpMethod.DELETE, "/v1/classify", true, 405, "POST"),
                Arguments.of(HttpMethod.GET, "/v1/classify", false, 401, null),
                Arguments.of(HttpMethod.GET, "/v1/classify", true, 405, "POST"),
                Arguments.of(HttpMethod.GET, "/v1/sightings/b1/review", false, 401, null),
                Arguments.of(HttpMethod.GET, "/v1/sightings/b1/review", true, 405, "POST"),
                Arguments.of(HttpMethod.POST, "/v1/images?key=a.jpg", false, 401, null),
                Arguments.of(HttpMethod.POST, "/v1/images?key=a.jpg", true, 405, "GET"),
                Arguments.of(HttpMethod.POST, "/metrics", false, 401, null),
                Arguments.of(HttpMethod.GET, "/v1/intake", false, 401, null),
                Arguments.of(HttpMethod.GET, "/v1/intake", true, 200, null),
                Arguments.of(HttpMethod.POST, "/v1/intake", true, 405, "GET"),
                // The species card page is a page file: open, and only read.
                Arguments.of(HttpMethod.POST, "/species/Turdus%20merula", false, 405, "GET"),
                Arguments.of(HttpMethod.GET, "/v1/nowhere", false, 401, null),
                Arguments.of(HttpMethod.GET, "/v1/nowhere", true, 404, null),
                // Open paths are open to every method: their refusal is the 405.
                Arguments.of(HttpMethod.DELETE, "/health", false, 405, "GET"),
                Arguments.of(HttpMethod.POST, "/ready", false, 405, "GET"),
                Arguments.of(HttpMethod.HEAD, "/health", false, 405, "GET"));
    }

    @ParameterizedTest(name = "{0} {1}, key sent: {2} -> {3}")
    @MethodSource("withAndWithoutTheKey")
    void theApiKeyIsAskedForBeforeTheMethod(HttpMethod method, String uri, boolean key, int status, String allow,
                                            Vertx vertx) throws Exception {
        start(vertx, true, ApiFixture.settings().withApiKey(KEY));
        HttpRequest<Buffer> request = api.client.request(method, uri);
        if (key) {
            request.putHeader("Authorization", "Bearer " + KEY);
        }

        HttpResponse<Buffer> response = ApiFixture.send(request);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("Allow")).isEqualTo(allow);
    }

    @Test
    void thePageAndTheDocsFilesAreServedAsBeforeAndOnlyRead(Vertx vertx) throws Exception {
        start(vertx, true, ApiFixture.settings().withApiKey(KEY));
        // Not held to openapi.yaml: these are the page's files, not the API.
        WebClient browser = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(api.port()).setFollowRedirects(false));
        try {
            for (String file : List.of("/", "/index.html", "/app.js", "/style.css", "/common.js", "/deliveries.js",
                    "/tiles.js", "/species.js", "/species/Cardinalis%20cardinalis", "/docs/")) {
                HttpResponse<Buffer> page = ApiFixture.await(browser.get(file).send());
                assertThat(page.statusCode()).as(file).isEqualTo(200);
                assertThat(page.getHeader("Allow")).as(file).isNull();
            }
            assertThat(ApiFixture.await(browser.get("/docs").send()).statusCode()).isBetween(301, 308);

            for (String file : List.of("/", "/index.html", "/docs/", "/species/Cardinalis%20cardinalis")) {
                HttpResponse<Buffer> posted = ApiFixture.await(browser.post(file).send());
                assertThat(posted.statusCode()).as(file).isEqualTo(405);
                assertThat(posted.getHeader("Allow")).as(file).isEqualTo("GET");
                assertThat(ApiFixture.problem(posted).getString("code")).isEqualTo("METHOD_NOT_ALLOWED");
            }
            HttpResponse<Buffer> missing = ApiFixture.await(browser.get("/missing.js").send());
            assertThat(missing.statusCode()).isEqualTo(401); // not a page file: it needs the key, as before
        } finally {
            browser.close();
        }
    }

    @Test
    void aRefusedMethodIsCountedUnderItsRoute(Vertx vertx) throws Exception {
        start(vertx, true, ApiFixture.settings());

        ApiFixture.send(api.client.request(HttpMethod.GET, "/v1/classify"));
        String metrics = ApiFixture.send(api.get("/metrics")).bodyAsString();

        assertThat(metrics).contains(
                "fieldmark_http_requests_seconds_count{method=\"GET\",route=\"/v1/classify\",status=\"405\"} 1");
    }
}
