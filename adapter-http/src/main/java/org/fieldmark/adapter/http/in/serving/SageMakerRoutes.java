package org.fieldmark.adapter.http.in.serving;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import org.fieldmark.application.port.in.ClassifiedBatch;
import org.fieldmark.application.port.in.ClassifyBatchCommand;
import org.fieldmark.application.port.in.ClassifyBatchUseCase;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.wire.json.JsonText;

/**
 * The SageMaker container contract ({@code GET /ping}, {@code POST /invocations}: the image as the
 * body, its type in {@code Content-Type}, the JSON array of the served catalog's probabilities
 * back, as the workshop's endpoint answered) and SageMaker Runtime's InvokeEndpoint path
 * ({@code POST /endpoints/{name}/invocations}, any endpoint name: this server is one endpoint),
 * so an unchanged AWS SDK client with an endpoint override calls it.
 */
final class SageMakerRoutes {

    private final ClassifyBatchUseCase useCase;
    private final BooleanSupplier readiness;
    private final ServingPool pool;

    SageMakerRoutes(ClassifyBatchUseCase useCase, BooleanSupplier readiness, ServingPool pool) {
        this.useCase = useCase;
        this.readiness = readiness;
        this.pool = pool;
    }

    void ping(RoutingContext ctx) {
        ctx.vertx().executeBlocking(readiness::getAsBoolean, false).onComplete(done -> {
            boolean ready = done.succeeded() && done.result();
            Replies.json(ctx, ready ? 200 : 503, "{\"ready\":" + ready + "}");
        });
    }

    void invocations(RoutingContext ctx) {
        byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        var running = pool.trySubmit(() -> {
            ClassifiedBatch batch = useCase.classify(ClassifyBatchCommand.of(new ImageBytes(bytes, type)));
            double[] vector = batch.probabilities().get(0);
            return JsonText.writing(json -> {
                json.writeStartArray();
                for (double p : vector) {
                    json.writeNumber(p);
                }
                json.writeEndArray();
            });
        });
        boolean runtimeApi = runtimeApi(ctx);
        if (running.isEmpty()) {
            ctx.response().putHeader("Retry-After", "1");
            if (runtimeApi) {
                SageMakerErrors.serviceError(ctx, 503, "ServiceUnavailable", pool.busy());
            } else {
                Replies.json(ctx, 503, OipJson.error(pool.busy()));
            }
            return;
        }
        running.get().onSuccess(answer -> {
            if (runtimeApi) {
                ctx.response().putHeader("x-Amzn-Invoked-Production-Variant", "AllTraffic");
            }
            Replies.json(ctx, 200, answer);
        }).onFailure(ctx::fail);
    }

    /** {@code true} for SageMaker Runtime's own path, where errors take the service's shape. */
    static boolean runtimeApi(RoutingContext ctx) {
        return ctx.normalizedPath().startsWith("/endpoints/");
    }
}
