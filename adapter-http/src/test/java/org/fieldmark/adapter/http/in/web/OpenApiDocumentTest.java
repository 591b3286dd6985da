package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fieldmark.adapter.http.in.page.WebPage;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.service.IdentifyOnceService;
import org.fieldmark.application.service.InMemoryIdempotency;
import org.fieldmark.application.service.InMemorySightingRepository;
import org.fieldmark.application.service.RecentIdentifications;
import org.fieldmark.application.service.SightingsService;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.SpeciesNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The served OpenAPI document and the router agree: every route is documented and every documented path routed. */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {

    @Test
    void documentsExactlyTheRoutesTheRouterHas(Vertx vertx) throws Exception {
        IdentifyBirdService service = new IdentifyBirdService(new InMemoryImageStorage(),
                ScriptedInference.always(1, 0, 0, 0), new RecordingNotifier(),
                IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4));
        WebApi api = new WebApi(service, new IdentifyOnceService(service,
                new InMemoryIdempotency(Duration.ofMinutes(1)), new RecordingLogger()), null,
                new RecentIdentifications(), new SightingsService(new InMemorySightingRepository(), SpeciesNames.NONE,
                ApiFixture.CLOCK), () -> true, WebApiSettings.defaults(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Router router = api.router(vertx);
        // The page's module serves its photo route on the same router, as the server mounts it.
        new WebPage(null).mount(vertx, router);
        Set<String> routed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null || route.getPath().equals("/")) {
                continue; // the handlers every request passes through (metrics, admission, failures, page files)
            }
            assertThat(route.methods()).as("route %s", route.getPath()).isNotNull().isNotEmpty();
            for (HttpMethod method : route.methods()) {
                routed.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}"));
            }
        }

        assertThat(OpenApiDocument.load().operations().keySet()).containsExactlyInAnyOrderElementsOf(routed);
        assertThat(routed).hasSize(WebApi.ROUTES.size() + 1).contains("GET /v1/images");
        ApiFixture.await(api.close());
    }

    @Test
    void everyOperationDocumentsItsSuccessAndEveryApiOperationItsRefusals() {
        OpenApiDocument.load().operations().forEach((operation, statuses) -> {
            assertThat(statuses).as(operation).contains(200);
            if (operation.contains("/v1/")) {
                assertThat(statuses).as(operation).contains(400, 401, 503);
            }
        });
    }

    @Test
    void documentsEveryOutcomeAndCountOfAnS3EventsAnswer() throws Exception {
        String text;
        try (InputStream in = WebApi.class.getResourceAsStream("openapi.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The EventResult schema: from its name to the next line indented as little (the next schema).
        String schema = text.substring(text.indexOf("\n    EventResult:\n") + 1).split("\n    (?=\\S)", 2)[0];

        assertThat(schema)
                .contains("outcome: {type: string, enum: [" + String.join(", ", WebApi.EVENT_OUTCOMES) + "]}");
        for (String outcome : WebApi.EVENT_OUTCOMES) {
            assertThat(schema).as("the count of %s records", outcome)
                    .containsPattern("\n        " + outcome + ": \\{type: integer");
        }
    }

    @Test
    void isReadInTheLayoutTheStatusCheckExpects() throws Exception {
        String text;
        try (InputStream in = WebApi.class.getResourceAsStream("openapi.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).startsWith("openapi: 3.");
        long operationLines = text.lines().filter(line -> line.matches("^    (get|put|post|delete|patch):\\s*$")).count();
        assertThat(OpenApiDocument.load().operations()).hasSize((int) operationLines);
        assertThat(OpenApiDocument.load().operations().get("POST /v1/classify"))
                .containsExactly(200, 400, 401, 413, 415, 422, 500, 502, 503, 504);
        assertThat(OpenApiDocument.parse("paths:\n  /x:\n    get:\n      responses:\n        '200': {}\n"
                + "components:\n  responses:\n    '404': {}\n").operations())
                .containsOnlyKeys("GET /x").containsValue(new TreeSet<>(List.of(200)));
    }
}
