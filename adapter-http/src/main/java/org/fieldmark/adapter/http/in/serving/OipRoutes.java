package org.fieldmark.adapter.http.in.serving;

import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import org.fieldmark.application.port.in.ClassifiedBatch;
import org.fieldmark.application.port.in.ClassifyBatchCommand;
import org.fieldmark.application.port.in.ClassifyBatchUseCase;

/**
 * The Open Inference Protocol v2 operations: server liveness and readiness, server and model
 * metadata, model readiness, and inference. A model name other than the served one is 404.
 */
final class OipRoutes {

    private final ClassifyBatchUseCase useCase;
    private final String modelName;
    private final BooleanSupplier readiness;
    private final ServingPool pool;

    OipRoutes(ClassifyBatchUseCase useCase, String modelName, BooleanSupplier readiness, ServingPool pool) {
        this.useCase = useCase;
        this.modelName = modelName;
        this.readiness = readiness;
        this.pool = pool;
    }

    void server(RoutingContext ctx) {
        Replies.json(ctx, 200, OipJson.server());
    }

    void live(RoutingContext ctx) {
        Replies.json(ctx, 200, "{\"live\":true}");
    }

    /** Ready when the model is: 200, else 503 (the check may call a remote model, so it runs on a worker). */
    void ready(RoutingContext ctx) {
        ctx.vertx().executeBlocking(readiness::getAsBoolean, false).onComplete(done -> {
            boolean ready = done.succeeded() && done.result();
            Replies.json(ctx, ready ? 200 : 503, "{\"ready\":" + ready + "}");
        });
    }

    void model(RoutingContext ctx) {
        if (known(ctx)) {
            Replies.json(ctx, 200, OipJson.model(modelName, useCase.catalog()));
        }
    }

    void modelReady(RoutingContext ctx) {
        if (known(ctx)) {
            ready(ctx);
        }
    }

    /** Reads the request and runs the model on a worker; the answer or its error comes back here. */
    void infer(RoutingContext ctx) {
        if (!known(ctx)) {
            return;
        }
        String body = ctx.body().asString();
        var running = pool.trySubmit(() -> {
            OipInferRequest request = OipInferRequest.parse(body == null ? "" : body);
            ClassifiedBatch batch = useCase.classify(new ClassifyBatchCommand(request.images()));
            return OipJson.inference(modelName, request.id(), batch, request.classification());
        });
        if (running.isEmpty()) {
            ctx.response().putHeader("Retry-After", "1");
            Replies.json(ctx, 503, OipJson.error(pool.busy()));
            return;
        }
        running.get().onSuccess(answer -> Replies.json(ctx, 200, answer)).onFailure(ctx::fail);
    }

    private boolean known(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        if (modelName.equals(name)) {
            return true;
        }
        Replies.json(ctx, 404, OipJson.error("unknown model '" + name + "'; this server serves '" + modelName + "'"));
        return false;
    }
}
