package org.fieldmark.adapter.http.in.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldmark.adapter.http.json.ResultJson;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;

/**
 * Writes every error answer as {@code application/problem+json} (RFC 9457): {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, plus {@code code} and
 * {@code retryable}. Retryable answers carry {@code Retry-After}.
 */
final class Problems {

    static final String PROBLEM_JSON = "application/problem+json";

    private final int retryAfterSeconds;

    Problems(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * The one place that maps application error codes to HTTP statuses. See docs/web-api.md for
     * why each status was chosen.
     */
    static int status(FieldmarkException e) {
        return switch (e.code()) {
            case INVALID_REQUEST -> 400;
            case IMAGE_NOT_FOUND, SIGHTING_NOT_FOUND -> 404;
            case IMAGE_TOO_LARGE -> 413;
            // The request was well formed, but its image cannot be identified.
            case IMAGE_EMPTY, UNSUPPORTED_IMAGE, INVALID_MODEL_OUTPUT -> 422;
            // An outage or throttling of the store passes; a refusal (access denied) does not.
            case STORAGE_UNAVAILABLE -> e.retryable() ? 503 : 502;
            case INFERENCE_FAILED, NOTIFICATION_FAILED -> 502;
            case INFERENCE_TIMEOUT -> 504;
            case CONFIGURATION_INVALID -> 500;
        };
    }

    /** The problem document for an application error, without sending it (S3 event records use it inline). */
    static Map<String, Object> body(FieldmarkException e, String instance) {
        Map<String, Object> body = document(status(e), e.code().name(), e.retryable(), e.getMessage(), instance);
        if (e instanceof NotificationFailedException failed) {
            // The identification was made; only its delivery failed. Hand it back so nothing is lost.
            failed.identification(IdentificationResult.class)
                    .ifPresent(identification -> body.put("identification", ResultJson.of(identification)));
        }
        return body;
    }

    void send(RoutingContext ctx, FieldmarkException e) {
        write(ctx, status(e), e.retryable(), body(e, ctx.request().path()));
    }

    /**
     * 405 {@code METHOD_NOT_ALLOWED} with the {@code Allow} header RFC 9110 asks for: the methods
     * {@code allowed} (by name, comma-separated).
     */
    void methodNotAllowed(RoutingContext ctx, Collection<HttpMethod> allowed) {
        String allow = allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
        if (!ctx.response().headWritten()) {
            ctx.response().putHeader(HttpHeaders.ALLOW, allow);
        }
        send(ctx, Rejection.METHOD_NOT_ALLOWED, ctx.request().path() + " does not take " + ctx.request().method()
                + ", only " + allow + "; see /openapi.yaml");
    }

    void send(RoutingContext ctx, Rejection rejection, String detail) {
        write(ctx, rejection.status(), rejection.retryable(),
                document(rejection.status(), rejection.name(), rejection.retryable(), detail, ctx.request().path()));
    }

    private void write(RoutingContext ctx, int status, boolean retryable, Map<String, Object> body) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
        if (retryable) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"fieldmark\"");
        }
        ctx.response().end(new JsonObject(body).encode());
    }

    private static Map<String, Object> document(int status, String code, boolean retryable, String detail,
                                                String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpResponseStatus.valueOf(status).reasonPhrase());
        body.put("status", status);
        body.put("code", code);
        body.put("retryable", retryable);
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }
}
