package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fieldmark.adapter.http.testing.OpenApiContract;
import org.fieldmark.adapter.http.testing.OpenApiContract.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every API test's exchanges go through ({@link OpenApiContract}) lets documented
 * answers pass and rejects what it should: undocumented members, statuses and media types,
 * requests the document forbids that were not refused, undocumented operations that were not
 * refused, and wrong-method answers that are not 405 with the {@code Allow} the document implies.
 */
class OpenApiContractTest {

    private static OpenApiContract contract() {
        return OpenApiContract.served();
    }

    @Test
    void anAnswerAsDocumentedPasses() {
        contract().check(answer("GET", "/health", 200, "application/json", "{\"status\": \"up\"}"));
    }

    @Test
    void anAnswerWithAnUndocumentedMemberFails() {
        assertThatThrownBy(() -> contract().check(answer("GET", "/health", 200, "application/json",
                "{\"status\": \"up\", \"uptime\": 12}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("uptime");
        assertThatThrownBy(() -> contract().check(answer("GET", "/v1/sightings", 400, "application/problem+json",
                problem(400, "INVALID_REQUEST").replace("}", ", \"hint\": \"x\"}"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("hint");
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 418, 502})
    void anUndocumentedStatusFails(int status) {
        assertThatThrownBy(() -> contract().check(answer("GET", "/v1/sightings", status, "application/problem+json",
                problem(status, "X"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining(Integer.toString(status));
    }

    @Test
    void anAnswerOfTheWrongTypeOrMediaTypeFails() {
        assertThatThrownBy(() -> contract().check(answer("GET", "/health", 200, "application/json",
                "{\"status\": \"down\"}"))).isInstanceOf(AssertionError.class).hasMessageContaining("down");
        assertThatThrownBy(() -> contract().check(answer("GET", "/v1/sightings", 400, "application/json",
                problem(400, "INVALID_REQUEST")))).isInstanceOf(AssertionError.class);
    }

    @Test
    void aRequestTheDocumentForbidsMustBeRefused() {
        Exchange accepted = new Exchange("POST", "/v1/sightings/s1/review",
                Map.of("Content-Type", List.of("application/json")), "{\"label\": 5}".getBytes(StandardCharsets.UTF_8),
                true, 404, Map.of("Content-Type", List.of("application/problem+json")),
                problem(404, "SIGHTING_NOT_FOUND").getBytes(StandardCharsets.UTF_8));
        contract().check(accepted);

        Exchange answered = new Exchange("POST", "/v1/sightings/s1/review",
                Map.of("Content-Type", List.of("application/json")), "{\"label\": 5}".getBytes(StandardCharsets.UTF_8),
                true, 503, Map.of("Content-Type", List.of("application/problem+json")),
                problem(503, "NOT_READY").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> contract().check(answered)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not allow the request");
    }

    @Test
    void anUndocumentedOperationMayOnlyBeRefused() {
        contract().check(answer("DELETE", "/v1/classify", 405, "application/problem+json",
                problem(405, "METHOD_NOT_ALLOWED"), "POST"));
        contract().check(answer("GET", "/v2/nothing", 404, "application/problem+json", problem(404, "ROUTE_NOT_FOUND")));

        assertThatThrownBy(() -> contract().check(answer("GET", "/v1/secret", 200, "application/json", "{}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not in openapi.yaml");
    }

    @Test
    void aDocumentedPathAnswersAnotherMethodWith405AndTheMethodsItLists() {
        assertThat(contract().documentedMethods("/v1/sightings/b1/review")).containsExactly("POST");
        assertThat(contract().api().getComponents().getResponses().get("MethodNotAllowed").getHeaders().get("Allow")
                .getRequired()).isTrue();

        // The bug of issue 14: the page's static files took GET /v1/classify and answered 404.
        assertThatThrownBy(() -> contract().check(answer("GET", "/v1/classify", 404, "application/problem+json",
                problem(404, "ROUTE_NOT_FOUND"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("405 and Allow");
        assertThatThrownBy(() -> contract().check(answer("GET", "/v1/classify", 405, "application/problem+json",
                problem(405, "METHOD_NOT_ALLOWED"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no Allow header");
        assertThatThrownBy(() -> contract().check(answer("GET", "/v1/classify", 405, "application/problem+json",
                problem(405, "METHOD_NOT_ALLOWED"), "GET, POST")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("lists [POST]");
        assertThatThrownBy(() -> contract().check(answer("GET", "/v2/nothing", 405, "application/problem+json",
                problem(405, "METHOD_NOT_ALLOWED"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no Allow header");
    }

    private static Exchange answer(String method, String uri, int status, String contentType, String body) {
        return new Exchange(method, uri, Map.of(), null, true, status, Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static Exchange answer(String method, String uri, int status, String contentType, String body,
                                   String allow) {
        return new Exchange(method, uri, Map.of(), null, true, status, Map.of("Content-Type", List.of(contentType),
                "Allow", List.of(allow)), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(int status, String code) {
        return "{\"type\": \"about:blank\", \"title\": \"t\", \"status\": " + status + ", \"code\": \"" + code
                + "\", \"retryable\": false, \"detail\": \"d\", \"instance\": \"/x\"}";
    }
}
