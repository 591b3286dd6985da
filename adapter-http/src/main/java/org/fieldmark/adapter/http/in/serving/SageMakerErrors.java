package org.fieldmark.adapter.http.in.serving;

import io.vertx.ext.web.RoutingContext;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.wire.json.JsonText;

/**
 * The SageMaker answers to every failure of the error family, in the one place the SageMaker
 * routes map errors. The container contract ({@code /invocations}) answers the status a
 * container answers and {@code {"error": "..."}}; 415 for content that is not a readable image,
 * which Fieldmark's own HTTP model client reads as "unsupported image". SageMaker Runtime's path
 * ({@code /endpoints/{name}/invocations}) wraps a container's refusal the way the service does:
 * 424 {@code ModelError} with the container's status and message, so the AWS SDKs raise their
 * ModelError exception; a full queue is 503 {@code ServiceUnavailable}, which they retry.
 */
final class SageMakerErrors {

    private SageMakerErrors() {
    }

    static void send(RoutingContext ctx, FieldmarkException e, boolean runtimeApi) {
        int status = switch (e.code()) {
            case INVALID_REQUEST, IMAGE_EMPTY -> 400;
            case UNSUPPORTED_IMAGE -> 415;
            case IMAGE_TOO_LARGE -> 413;
            case INFERENCE_TIMEOUT -> 504;
            case INFERENCE_FAILED -> e.retryable() ? 503 : 500;
            case INVALID_MODEL_OUTPUT -> 500;
            // Not raised while serving the model; the server's own fault if they ever are.
            case IMAGE_NOT_FOUND, STORAGE_UNAVAILABLE, NOTIFICATION_FAILED, CONFIGURATION_INVALID,
                 SIGHTING_NOT_FOUND -> 500;
        };
        if (runtimeApi) {
            modelError(ctx, status, e.getMessage());
        } else {
            Replies.json(ctx, status, OipJson.error(e.getMessage()));
        }
    }

    /** What SageMaker Runtime answers when the container refused: 424 ModelError. */
    static void modelError(RoutingContext ctx, int containerStatus, String message) {
        String kind = containerStatus < 500 ? "client" : "server";
        String body = JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("ErrorCode", kind.toUpperCase(java.util.Locale.ROOT) + "_ERROR_FROM_MODEL");
            json.writeStringField("message", "Received " + kind + " error (" + containerStatus
                    + ") from model with message \"" + message + "\"");
            json.writeNumberField("OriginalStatusCode", containerStatus);
            json.writeStringField("OriginalMessage", message);
            json.writeEndObject();
        });
        service(ctx, 424, "ModelError", body);
    }

    /** A SageMaker Runtime error of the service itself ({@code ValidationError}, {@code ServiceUnavailable}). */
    static void serviceError(RoutingContext ctx, int status, String type, String message) {
        service(ctx, status, type, JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("message", message);
            json.writeEndObject();
        }));
    }

    private static void service(RoutingContext ctx, int status, String type, String body) {
        ctx.response().putHeader("x-amzn-ErrorType", type);
        Replies.send(ctx, status, "application/x-amz-json-1.1", body);
    }
}
