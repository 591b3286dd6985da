package org.fieldmark.adapter.http.in.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InvalidRequestException;

/**
 * What the router answers when no operation answered: a request no route took (404, or 405 with
 * {@code Allow} when its path is known), and a request whose handling failed (the failure as a
 * problem).
 */
final class Unhandled {

    private static final Logger LOG = System.getLogger(WebApi.class.getName());

    private final RouteTable routes;
    private final Problems problems;
    private final ApiMetrics metrics;
    private final long maxBodyBytes;

    Unhandled(RouteTable routes, Problems problems, ApiMetrics metrics, long maxBodyBytes) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * For the router's 404 and 405 alike, decided from the route table rather than from which of
     * the two Vert.x saw: the page's {@code GET /*} files take every GET the API does not, and
     * match every path for other methods, so Vert.x's own choice depends on what else is mounted.
     * A known path with another method is 405 with the methods it takes in {@code Allow} (RFC 9110);
     * an unknown path, or a known one whose operation is not mounted (the page without
     * {@code WebPage}), is 404.
     */
    void unrouted(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        HttpMethod method = ctx.request().method();
        Set<HttpMethod> allowed = routes.allowed(path);
        if (allowed.isEmpty() || allowed.contains(method)) {
            problems.send(ctx, Rejection.ROUTE_NOT_FOUND, "no route " + method + " " + ctx.request().path()
                    + "; see /openapi.yaml");
        } else {
            problems.methodNotAllowed(ctx, allowed);
        }
    }

    void failed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof FieldmarkException e) {
            if (e.code() == ErrorCode.NOTIFICATION_FAILED) {
                metrics.notificationFailed();
            }
            problems.send(ctx, e);
        } else if (ctx.statusCode() == 413) {
            problems.send(ctx, Rejection.BODY_TOO_LARGE, "the request body is above the limit of "
                    + maxBodyBytes + " bytes");
        } else if (ctx.statusCode() == 400) {
            problems.send(ctx, new InvalidRequestException("the request body could not be read"
                    + (failure == null ? "" : ": " + failure.getMessage())));
        } else {
            LOG.log(Level.ERROR, "unexpected failure serving " + ctx.request().method() + " " + ctx.request().path(),
                    failure);
            problems.send(ctx, Rejection.INTERNAL_ERROR, "unexpected error; see the server log");
        }
    }
}
