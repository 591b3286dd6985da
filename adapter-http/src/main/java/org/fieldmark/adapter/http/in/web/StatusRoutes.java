package org.fieldmark.adapter.http.in.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What probes, scrapers and readers of the API ask the server about itself: {@code GET /health},
 * {@code GET /ready}, {@code GET /metrics} and {@code GET /openapi.yaml}.
 */
final class StatusRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENAPI_RESOURCE = "openapi.yaml";

    private final BooleanSupplier readiness;
    private final PrometheusMeterRegistry registry;
    private final Problems problems;
    private final byte[] openApi;

    StatusRoutes(BooleanSupplier readiness, PrometheusMeterRegistry registry, Problems problems) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.openApi = openApiDocument();
    }

    void health(RoutingContext ctx) {
        Answers.json(ctx, 200, Map.of("status", "up"));
    }

    /** Asks the readiness supplier on a worker thread: it may block briefly. */
    void ready(RoutingContext ctx) {
        ctx.vertx().executeBlocking(readiness::getAsBoolean, false).onComplete(done -> {
            if (done.succeeded() && Boolean.TRUE.equals(done.result())) {
                Answers.json(ctx, 200, Map.of("status", "ready"));
            } else {
                problems.send(ctx, Rejection.NOT_READY, done.succeeded() ? "the model or an adapter is not ready yet"
                        : "checking readiness failed: " + done.cause());
            }
        });
    }

    void metrics(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(registry.scrape());
    }

    void openApi(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml").end(Buffer.buffer(openApi));
    }

    private static byte[] openApiDocument() {
        try (InputStream in = StatusRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
