package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.fieldmark.adapter.http.in.page.WebPage;
import org.fieldmark.adapter.http.testing.OpenApiContract;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.service.IdentifyOnceService;
import org.fieldmark.application.service.NewObjectsService;
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

/**
 * The served OpenAPI document is a valid OpenAPI 3 document (read by swagger-parser, not by
 * hand), agrees with the router, and its examples match their schemas. That the contract every
 * API test goes through ({@link OpenApiContract}) rejects what it should is {@link OpenApiContractTest}'s.
 */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {

    private static OpenApiContract contract() {
        return OpenApiContract.served();
    }

    /** Every documented operation, as "METHOD /path", with its response statuses. */
    static Map<String, Set<Integer>> operations() {
        Map<String, Set<Integer>> operations = new TreeMap<>();
        forEachOperation(contract().api(), (name, operation) -> {
            Set<Integer> statuses = new TreeSet<>();
            operation.getResponses().keySet().forEach(status -> statuses.add(Integer.parseInt(status)));
            operations.put(name, statuses);
        });
        return operations;
    }

    private static void forEachOperation(OpenAPI api, BiConsumer<String, Operation> action) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> action.accept(method.name() + " " + path, operation)));
    }

    @Test
    void parsesAsOpenApiWithoutAnyMessage() {
        SwaggerParseResult parsed = OpenApiContract.parse(OpenApiContract.text());

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void aBraceInAPlainFlowScalarIsCaughtByTheParser() {
        // The line that made PyYAML and Redocly refuse the document, and that hand-written regular expressions let by.
        String broken = OpenApiContract.text().replace(
                "id: {type: string, description: 'The sighting''s id in the bird log (for /v1/sightings/{id}/review).'}",
                "id: {type: string, description: The sighting's id in the bird log (for /v1/sightings/{id}/review).}");
        assertThat(broken).isNotEqualTo(OpenApiContract.text());

        assertThat(OpenApiContract.parse(broken).getMessages()).isNotEmpty();
    }

    @Test
    void namesItsServerLicenseAndAnIdForEveryOperation() {
        OpenAPI api = contract().api();

        assertThat(api.getServers()).isNotEmpty();
        assertThat(api.getInfo().getLicense()).isNotNull();
        assertThat(api.getInfo().getLicense().getName()).isNotBlank();
        Set<String> ids = new TreeSet<>();
        forEachOperation(api, (name, operation) -> {
            assertThat(operation.getOperationId()).as(name).isNotBlank();
            assertThat(ids.add(operation.getOperationId())).as("%s has a unique operationId", name).isTrue();
            assertThat(operation.getSummary()).as(name).isNotBlank();
        });
    }

    @Test
    void documentsExactlyTheRoutesTheRouterHas(Vertx vertx) throws Exception {
        IdentifyBirdService service = IdentifyBirdService.builder(new InMemoryImageStorage(),
                ScriptedInference.always(1, 0, 0, 0), new RecordingNotifier(),
                IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4)).outbox(new InMemoryOutbox()).build();
        WebApi api = WebApi.builder().identification(service).events(new NewObjectsService(service, new IdentifyOnceService(service,
                        new InMemoryIdempotency(Duration.ofMinutes(1)), new RecordingLogger())))
                .recent(new RecentIdentifications())
                .sightings(new SightingsService(new InMemorySightingRepository(), new InMemoryOutbox(),
                        SpeciesNames.NONE, ApiFixture.CLOCK))
                .registry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build();
        Router router = api.router(vertx);
        // The page's module serves its photo route on the same router, as the server mounts it.
        new WebPage(null, Optional.empty()).mount(vertx, router);
        Set<String> routed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null || route.getPath().equals("/") || RouteTable.isPageFile(route.getPath())) {
                continue; // the handlers every request passes through, and the files of the page and /docs
            }
            assertThat(route.methods()).as("route %s", route.getPath()).isNotNull().isNotEmpty();
            for (HttpMethod method : route.methods()) {
                routed.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}"));
            }
        }

        assertThat(operations().keySet()).containsExactlyInAnyOrderElementsOf(routed);
        // The route table the API key check, the metrics and the 404/405 answers read is the same list.
        assertThat(api.operations()).extracting(Object::toString).containsExactlyInAnyOrderElementsOf(routed)
                .contains("GET /v1/images");
        ApiFixture.await(api.close());
    }

    @Test
    void everyOperationDocumentsItsSuccessAndEveryApiOperationItsRefusals() {
        operations().forEach((operation, statuses) -> {
            assertThat(statuses).as(operation).containsAnyOf(200, 204);
            if (operation.contains("/v1/")) {
                assertThat(statuses).as(operation).contains(400, 401, 503);
            }
            // /health and /ready are open to everyone and read no input: nothing to refuse.
            if (!operation.equals("GET /health") && !operation.equals("GET /ready")) {
                assertThat(statuses).as(operation).anyMatch(status -> status >= 400 && status < 500);
            }
        });
    }

    @Test
    void everyObjectOfAnAnswerAllowsOnlyItsDocumentedMembers() {
        List<String> open = new ArrayList<>();
        forEachOperation(contract().api(), (name, operation) -> operation.getResponses().forEach((status, response) -> {
            ApiResponse resolved = response.get$ref() == null ? response : contract().api().getComponents()
                    .getResponses().get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1));
            if (resolved.getContent() != null) {
                resolved.getContent().forEach((type, media) ->
                        openObjects(name + " " + status + " " + type, media.getSchema(), new TreeSet<>(), open));
            }
        }));

        assertThat(open).as("answer objects without additionalProperties: false").isEmpty();
    }

    /** Object schemas under {@code schema} that do not say additionalProperties: false. */
    private static void openObjects(String where, Schema<?> schema, Set<String> seen, List<String> open) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (seen.add(name)) {
                openObjects(name, contract().api().getComponents().getSchemas().get(name), seen, open);
            }
            return;
        }
        if ("object".equals(schema.getType()) && !Boolean.FALSE.equals(schema.getAdditionalProperties())) {
            open.add(where);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((member, property) -> openObjects(where + "." + member, property, seen, open));
        }
        openObjects(where + "[]", schema.getItems(), seen, open);
    }

    @Test
    void documentsEveryOutcomeAndCountOfAnS3EventsAnswer() {
        Schema<?> result = contract().api().getComponents().getSchemas().get("EventResult");
        Schema<?> record = result.getProperties().get("records").getItems();

        List<?> outcomes = record.getProperties().get("outcome").getEnum();
        assertThat(outcomes).isEqualTo(S3EventRoutes.EVENT_OUTCOMES);
        for (String outcome : S3EventRoutes.EVENT_OUTCOMES) {
            assertThat(result.getProperties().get(outcome).getType()).as("the count of %s records", outcome)
                    .isEqualTo("integer");
        }
    }

    @Test
    void everyExampleMatchesItsSchema() {
        Map<String, Schema<?>> examples = examples(contract().api());

        assertThat(examples).isNotEmpty();
        examples.forEach((where, schema) -> assertThat(contract().problemsOf(json(schema.getExample()), schema))
                .as("the example of %s", where).isEmpty());
    }

    @Test
    void anExampleThatDoesNotMatchItsSchemaIsFound() {
        OpenApiContract wrong = OpenApiContract.of("""
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths: {}
                components:
                  schemas:
                    Count: {type: integer, minimum: 0, example: -3}
                """);
        Schema<?> count = wrong.api().getComponents().getSchemas().get("Count");

        assertThat(examples(wrong.api())).containsOnlyKeys("components.schemas.Count");
        assertThat(wrong.problemsOf(json(count.getExample()), count)).isNotEmpty();
    }

    private static String json(Object example) {
        try {
            return Json.mapper().writeValueAsString(example);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every schema of the document that carries an example, by where it is. */
    private static Map<String, Schema<?>> examples(OpenAPI api) {
        Map<String, Schema<?>> found = new LinkedHashMap<>();
        if (api.getComponents() != null) {
            if (api.getComponents().getSchemas() != null) {
                api.getComponents().getSchemas().forEach((name, schema) ->
                        collect("components.schemas." + name, schema, found));
            }
            if (api.getComponents().getParameters() != null) {
                api.getComponents().getParameters().forEach((name, parameter) ->
                        collect("components.parameters." + name, parameter, found));
            }
            if (api.getComponents().getResponses() != null) {
                api.getComponents().getResponses().forEach((name, response) ->
                        collect("components.responses." + name, response, found));
            }
        }
        if (api.getPaths() != null) {
            forEachOperation(api, (name, operation) -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> collect(name + " " + parameter.getName(), parameter,
                            found));
                }
                if (operation.getRequestBody() != null) {
                    collect(name + " request", operation.getRequestBody().getContent(), found);
                }
                operation.getResponses().forEach((status, response) -> collect(name + " " + status, response, found));
            });
        }
        return found;
    }

    private static void collect(String where, Parameter parameter, Map<String, Schema<?>> found) {
        collect(where, parameter.getSchema(), found);
    }

    private static void collect(String where, ApiResponse response, Map<String, Schema<?>> found) {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, header) -> collect(where + " header " + name, header, found));
        }
        collect(where, response.getContent(), found);
    }

    private static void collect(String where, Header header, Map<String, Schema<?>> found) {
        collect(where, header.getSchema(), found);
    }

    private static void collect(String where, Content content, Map<String, Schema<?>> found) {
        if (content != null) {
            content.forEach((type, media) -> collect(where + " " + type, media.getSchema(), found));
        }
    }

    private static void collect(String where, Schema<?> schema, Map<String, Schema<?>> found) {
        if (schema == null) {
            return;
        }
        if (schema.getExample() != null) {
            found.put(where, schema);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> collect(where + "." + name, property, found));
        }
        collect(where + "[]", schema.getItems(), found);
        for (List<? extends Schema<?>> choices : choices(schema)) {
            for (int i = 0; i < choices.size(); i++) {
                collect(where + "(" + i + ")", choices.get(i), found);
            }
        }
    }

    /** The schema's oneOf, anyOf and allOf lists that it has (swagger-models types them raw). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<List<? extends Schema<?>>> choices(Schema<?> schema) {
        List<List<? extends Schema<?>>> lists = new ArrayList<>();
        for (List list : new List[] {schema.getOneOf(), schema.getAnyOf(), schema.getAllOf()}) {
            if (list != null) {
                lists.add(list);
            }
        }
        return lists;
    }
}
