package org.fieldmark.adapter.http.in.serving;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.in.ClassifyBatchUseCase;

/**
 * Fieldmark as a model server for {@link ClassifyBatchUseCase}: the Open Inference Protocol v2
 * under {@code /v2} and the SageMaker container contract with SageMaker Runtime's path. A
 * bootstrap mounts {@link #router(Vertx)} on an HTTP server of its own and {@link #close()}s the
 * API after the server. The model runs on a worker pool of a known size with a bounded queue,
 * never on the event loop. Every answer, errors and unknown paths included, has the shape of the
 * protocol the path belongs to; bad input is a 4xx, never a 500.
 */
public final class ModelServingApi {

    private static final Logger LOG = System.getLogger(ModelServingApi.class.getName());

    private final ClassifyBatchUseCase useCase;
    private final ModelServingSettings settings;
    private final BooleanSupplier readiness;
    private ServingPool pool;

    public ModelServingApi(ClassifyBatchUseCase useCase, ModelServingSettings settings, BooleanSupplier readiness) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    /** Builds the router and the worker pool; once per API. */
    public synchronized Router router(Vertx vertx) {
        if (pool != null) {
            throw new IllegalStateException("router(vertx) was already called for this ModelServingApi");
        }
        pool = new ServingPool(vertx, settings.workers(), settings.queue());
        OipRoutes oip = new OipRoutes(useCase, settings.modelName(), readiness, pool);
        SageMakerRoutes sageMaker = new SageMakerRoutes(useCase, readiness, pool);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
        Handler<RoutingContext> key = this::authorised;

        Router router = Router.router(vertx);
        router.route(GET, "/v2/health/live").handler(oip::live);
        router.route(GET, "/v2/health/ready").handler(oip::ready);
        router.route(GET, "/v2").handler(key).handler(oip::server);
        router.route(GET, "/v2/models/:name").handler(key).handler(oip::model);
        router.route(GET, "/v2/models/:name/ready").handler(oip::modelReady);
        withBody(router, "/v2/models/:name/infer", key, body, oip::infer);
        router.route(GET, "/ping").handler(sageMaker::ping);
        withBody(router, "/invocations", key, body, sageMaker::invocations);
        withBody(router, "/endpoints/:name/invocations", key, body, sageMaker::invocations);
        router.route().failureHandler(this::failed);
        router.errorHandler(404, ctx -> unrouted(ctx, 404, "no such path: " + ctx.request().method() + " "
                + ctx.normalizedPath()));
        router.errorHandler(405, ctx -> unrouted(ctx, 405, ctx.request().method() + " is not served on "
                + ctx.normalizedPath()));
        return router;
    }

    /** The key is checked on a route of its own: Vert.x reads a route's body before its other handlers. */
    private static void withBody(Router router, String path, Handler<RoutingContext> key, BodyHandler body,
                                 Handler<RoutingContext> handler) {
        router.route(POST, path).handler(key).handler(ModelServingApi::notAForm);
        router.route(POST, path).handler(body).handler(handler);
    }

    /**
     * Refuses form bodies before they are read: Vert.x would decode them as form fields (curl's
     * {@code -d} declares one unless told otherwise), and neither protocol sends forms.
     */
    private static void notAForm(RoutingContext ctx) {
        String type = String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/")) {
            ctx.next();
            return;
        }
        String message = "a form body (" + ctx.request().getHeader(HttpHeaders.CONTENT_TYPE) + ") is not taken; "
                + (ctx.normalizedPath().startsWith("/v2") ? "send the JSON request with Content-Type application/json"
                : "send the image as the body with Content-Type application/x-image, image/jpeg, image/png or "
                + "image/bmp");
        if (SageMakerRoutes.runtimeApi(ctx)) {
            // The service hands any body to the container, whose refusal it wraps.
            SageMakerErrors.modelError(ctx, 415, message);
        } else {
            unrouted(ctx, 415, message);
        }
    }

    /** Releases the worker pool; after the HTTP server closed. */
    public synchronized Future<Void> close() {
        return pool == null ? Future.succeededFuture() : pool.close();
    }

    /** With an API key set, the call needs {@code Authorization: Bearer <key>}, compared in constant time. */
    private void authorised(RoutingContext ctx) {
        if (settings.apiKey() == null) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        byte[] given = (header == null ? "" : header).getBytes(StandardCharsets.UTF_8);
        byte[] wanted = ("Bearer " + settings.apiKey()).getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(given, wanted)) {
            ctx.next();
            return;
        }
        unrouted(ctx, 401, "missing or wrong API key; send 'Authorization: Bearer <key>'");
    }

    /** Every failure of a route, in the shape of the protocol its path belongs to. */
    private void failed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof FieldmarkException e) {
            if (ctx.normalizedPath().startsWith("/v2")) {
                OipErrors.send(ctx, e);
            } else {
                SageMakerErrors.send(ctx, e, SageMakerRoutes.runtimeApi(ctx));
            }
            return;
        }
        if (ctx.statusCode() == 413) {
            unrouted(ctx, 413, "the request body is above the limit of " + settings.maxBodyBytes()
                    + " bytes; send fewer or smaller images, or raise server.max-body-bytes");
            return;
        }
        if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            unrouted(ctx, ctx.statusCode(), "the request cannot be read");
            return;
        }
        LOG.log(Level.ERROR, "serving " + ctx.request().method() + " " + ctx.normalizedPath() + " failed", failure);
        unrouted(ctx, 500, "internal error: " + failure);
    }

    /** An answer of the HTTP layer: OIP's error document, or SageMaker Runtime's error on its path. */
    private static void unrouted(RoutingContext ctx, int status, String message) {
        if (SageMakerRoutes.runtimeApi(ctx)) {
            SageMakerErrors.serviceError(ctx, status, status == 401 || status == 403 ? "AccessDeniedException"
                    : status == 413 ? "ValidationError" : "UnknownOperationException", message);
        } else {
            Replies.json(ctx, status, OipJson.error(message));
        }
    }
}
