package org.fieldmark.adapter.http.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The served OpenAPI document as a contract every API test's exchanges are held to, checked by
 * Atlassian's swagger-request-validator: the answer's status must be documented for the
 * operation, and its content type, documented headers and body must match the document's
 * schemas, where a member the schema does not name is an error. A request the document forbids
 * must be refused with a 4xx. Requests to operations the document does not have must be answered
 * with a problem document: on a path of the document 401, 503 or 405 as its
 * {@code MethodNotAllowed} answer says, with {@code Allow} naming exactly the methods the document
 * lists for the path; on any other path 401, 404, 503 or 405 with an {@code Allow} header.
 *
 * <p>Tests do not call it one by one: {@link ValidatingWebClient} checks every exchange of a
 * Vert.x {@code WebClient}, and {@link #check(java.net.http.HttpRequest, String, java.net.http.HttpResponse)}
 * those of the JDK's client. A new endpoint's tests are checked as soon as they go through either.
 */
public final class OpenApiContract {

    /** Where the document is on the class path; the API serves it at {@code /openapi.yaml}. */
    public static final String RESOURCE = "/org/fieldmark/adapter/http/in/web/openapi.yaml";

    private static final Set<Integer> UNDOCUMENTED_PATH_STATUSES = Set.of(401, 404, 405, 503);
    /** A path the document has is not "not found" for another method: 405 (401 without the key, 503 while stopping). */
    private static final Set<Integer> UNDOCUMENTED_METHOD_STATUSES = Set.of(401, 405, 503);
    private static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";
    private static final String PATH_MISSING = "validation.request.path.missing";
    private static final String OPERATION_NOT_ALLOWED = "validation.request.operation.notAllowed";
    private static OpenApiContract served;

    private final OpenAPI api;
    private final OpenApiInteractionValidator validator;
    private final SchemaValidator schemas;
    private final ApiOperationResolver operations;

    private OpenApiContract(String document) {
        SwaggerParseResult parsed = parse(document);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new IllegalStateException("the OpenAPI document does not parse: " + parsed.getMessages());
        }
        api = parsed.getOpenAPI();
        LevelResolver levels = LevelResolver.create()
                // No additionalProperties: false injected into every schema: the API ignores members it does
                // not know in request bodies (S3 events carry many), so its request schemas are open; the
                // answers' schemas say additionalProperties: false themselves (OpenApiDocumentTest checks),
                // so an undocumented member of an answer is an error.
                .withLevel(SchemaValidator.ADDITIONAL_PROPERTIES_KEY, ValidationReport.Level.IGNORE)
                // Most test servers run without an API key; ApiKeyTest checks the 401s itself.
                .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                .build();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(levels).build();
        schemas = new SchemaValidator(api, new MessageResolver(levels));
        operations = new ApiOperationResolver(api, null, false);
    }

    /** The document the API serves. */
    public static synchronized OpenApiContract served() {
        if (served == null) {
            served = new OpenApiContract(text());
        }
        return served;
    }

    /** A contract from another document, e.g. one a test breaks on purpose. */
    public static OpenApiContract of(String document) {
        return new OpenApiContract(document);
    }

    /** The served document's text. */
    public static String text() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a document with swagger-parser, references resolved; the result's messages are its errors. */
    public static SwaggerParseResult parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(document, null, options);
    }

    public OpenAPI api() {
        return api;
    }

    /** The messages of validating {@code json} against {@code schema}; empty when it matches. */
    public List<String> problemsOf(String json, Schema<?> schema) {
        return messages(schemas.validate(json, schema, "validation.response.body"));
    }

    /**
     * Checks an exchange of the JDK's HTTP client, whose request body cannot be read back:
     * {@code requestBody} is the text that was sent, {@code null} for none.
     */
    public <T> java.net.http.HttpResponse<T> check(java.net.http.HttpRequest request, String requestBody,
                                                   java.net.http.HttpResponse<T> response) {
        return check(request, requestBody == null ? null : requestBody.getBytes(StandardCharsets.UTF_8), response);
    }

    /** The same for a binary request body, e.g. a photo. */
    public <T> java.net.http.HttpResponse<T> check(java.net.http.HttpRequest request, byte[] requestBody,
                                                   java.net.http.HttpResponse<T> response) {
        Object body = response.body();
        byte[] bytes = body instanceof byte[] b ? b : body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
        URI uri = request.uri();
        check(new Exchange(request.method(), uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                request.headers().map(), requestBody, true, response.statusCode(), response.headers().map(), bytes));
        return response;
    }

    /** Checks one exchange; throws {@link AssertionError} saying what does not match. */
    public void check(Exchange exchange) {
        URI uri = URI.create(exchange.uri());
        Request request = request(exchange, uri);
        ValidationReport requestReport = validator.validateRequest(request);
        boolean pathMissing = requestReport.getMessages().stream().anyMatch(m -> m.getKey().equals(PATH_MISSING));
        boolean methodMissing = requestReport.getMessages().stream()
                .anyMatch(m -> m.getKey().equals(OPERATION_NOT_ALLOWED));
        if (pathMissing || methodMissing) {
            checkUndocumentedOperation(exchange, uri.getRawPath(), !pathMissing);
            return;
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        if (exchange.responseBody() != null && exchange.responseBody().length > 0) {
            response.withBody(exchange.responseBody());
        }
        ValidationReport responseReport = validator.validateResponse(uri.getRawPath(),
                Request.Method.valueOf(exchange.method()), response.build());
        if (responseReport.hasErrors() && !emptyText(exchange, responseReport)) {
            throw new AssertionError("the answer to " + exchange.describe() + " does not match openapi.yaml: "
                    + messages(responseReport) + "\nanswer body: " + exchange.responseBodyText());
        }
        if (exchange.requestBodyKnown() && requestReport.hasErrors()
                && (exchange.status() < 400 || exchange.status() >= 500)) {
            throw new AssertionError("openapi.yaml does not allow the request " + exchange.describe() + " ("
                    + messages(requestReport) + "), yet it was answered " + exchange.status()
                    + "; document what the API takes, or refuse the request with a 4xx");
        }
    }

    /** An empty text answer (an eBird CSV of a day without sightings) is an empty string, not a missing body. */
    private static boolean emptyText(Exchange exchange, ValidationReport report) {
        boolean empty = exchange.responseBody() == null || exchange.responseBody().length == 0;
        boolean text = exchange.responseHeaders().getOrDefault("Content-Type", List.of()).stream()
                .anyMatch(type -> type.startsWith("text/"));
        return empty && text && messages(report).stream().allMatch(m -> m.startsWith("validation.response.body.missing"));
    }

    /**
     * An operation the document does not have: refused with a problem. On a path of the document
     * (another method) as its {@code MethodNotAllowed} answer says, with {@code Allow} naming the
     * methods the document lists there; a HEAD answer has no body to check.
     */
    private void checkUndocumentedOperation(Exchange exchange, String path, boolean pathDocumented) {
        Set<Integer> statuses = pathDocumented ? UNDOCUMENTED_METHOD_STATUSES : UNDOCUMENTED_PATH_STATUSES;
        if (!statuses.contains(exchange.status())) {
            throw new AssertionError(exchange.describe() + " is not in openapi.yaml, yet it was answered "
                    + exchange.status() + (pathDocumented ? "; a documented path answers a method it does not list "
                    + "with 405 and Allow (or 401 without the key)" : "; document the operation"));
        }
        List<String> contentType = exchange.responseHeaders().getOrDefault("Content-Type", List.of());
        if (!contentType.equals(List.of("application/problem+json"))) {
            throw new AssertionError("the refusal of " + exchange.describe()
                    + " is not application/problem+json but " + contentType);
        }
        if (!exchange.method().equals("HEAD")) {
            List<String> problems = problemsOf(exchange.responseBodyText(),
                    api.getComponents().getSchemas().get("Problem"));
            if (!problems.isEmpty()) {
                throw new AssertionError("the refusal of " + exchange.describe() + " is not a Problem: " + problems
                        + "\nanswer body: " + exchange.responseBodyText());
            }
        }
        if (exchange.status() == 405) {
            checkAllow(exchange, pathDocumented ? Optional.of(documentedMethods(path)) : Optional.empty());
        }
    }

    /** The 405's headers as MethodNotAllowed says; {@code Allow} exactly {@code expected} when given. */
    private void checkAllow(Exchange exchange, Optional<Set<String>> expected) {
        ApiResponse answer = api.getComponents().getResponses().get(METHOD_NOT_ALLOWED);
        if (answer == null) {
            throw new AssertionError("openapi.yaml has no components/responses/" + METHOD_NOT_ALLOWED
                    + " to check the 405 of " + exchange.describe() + " against");
        }
        answer.getHeaders().forEach((name, header) -> {
            if (Boolean.TRUE.equals(header.getRequired()) && exchange.responseHeaders().getOrDefault(name, List.of())
                    .isEmpty()) {
                throw new AssertionError("the 405 of " + exchange.describe() + " has no " + name + " header");
            }
        });
        List<String> allow = exchange.responseHeaders().getOrDefault("Allow", List.of());
        if (allow.isEmpty()) {
            throw new AssertionError("the 405 of " + exchange.describe() + " has no Allow header (RFC 9110)");
        }
        Set<String> named = new TreeSet<>();
        allow.forEach(value -> Arrays.stream(value.split(",")).map(String::strip).filter(m -> !m.isEmpty())
                .forEach(named::add));
        expected.filter(methods -> !methods.equals(named)).ifPresent(methods -> {
            throw new AssertionError("the 405 of " + exchange.describe() + " says Allow: " + allow
                    + ", but openapi.yaml lists " + methods + " for its path");
        });
    }

    /** The methods the document lists for the path of {@code rawPath}, by name. */
    public Set<String> documentedMethods(String rawPath) {
        Set<String> methods = new TreeSet<>();
        for (Request.Method method : Request.Method.values()) {
            if (operations.findApiOperation(rawPath, method).isOperationAllowed()) {
                methods.add(method.name());
            }
        }
        return methods;
    }

    private static Request request(Exchange exchange, URI uri) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), uri.getRawPath());
        queryParameters(uri.getRawQuery()).forEach(request::withQueryParam);
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBodyKnown() && exchange.requestBody() != null) {
            request.withBody(exchange.requestBody());
        }
        return request.build();
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a test of malformed queries: the raw text is what the server saw
        }
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()
                        + (m.getNestedMessages().isEmpty() ? "" : " " + m.getNestedMessages().stream()
                        .map(ValidationReport.Message::getMessage).collect(Collectors.toList())))
                .toList();
    }

    /**
     * One request and its answer as the client saw them. {@code requestBodyKnown} is false when
     * the body was not kept as bytes (a streamed multipart form); the request is then not checked.
     */
    public record Exchange(String method, String uri, Map<String, List<String>> requestHeaders, byte[] requestBody,
                           boolean requestBodyKnown, int status, Map<String, List<String>> responseHeaders,
                           byte[] responseBody) {

        public Exchange {
            method = method.toUpperCase(Locale.ROOT);
            requestHeaders = caseInsensitive(requestHeaders);
            responseHeaders = caseInsensitive(responseHeaders);
        }

        private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
            return copy;
        }

        String describe() {
            return method + " " + uri;
        }

        String responseBodyText() {
            return responseBody == null ? "" : new String(responseBody, StandardCharsets.UTF_8);
        }
    }
}
