package org.fieldmark.adapter.http.in.serving;

import io.vertx.ext.web.RoutingContext;
import org.fieldmark.application.error.FieldmarkException;

/**
 * The Open Inference Protocol's answer to every failure of the error family: its status and
 * {@code {"error": "..."}}. The one place the OIP routes map errors.
 */
final class OipErrors {

    private OipErrors() {
    }

    static void send(RoutingContext ctx, FieldmarkException e) {
        int status = switch (e.code()) {
            case INVALID_REQUEST, IMAGE_EMPTY, UNSUPPORTED_IMAGE -> 400;
            case IMAGE_TOO_LARGE -> 413;
            case INFERENCE_TIMEOUT -> 504;
            case INFERENCE_FAILED -> e.retryable() ? 503 : 500;
            case INVALID_MODEL_OUTPUT -> 500;
            // Not raised while serving the model; the server's own fault if they ever are.
            case IMAGE_NOT_FOUND, STORAGE_UNAVAILABLE, NOTIFICATION_FAILED, CONFIGURATION_INVALID,
                 SIGHTING_NOT_FOUND -> 500;
        };
        Replies.json(ctx, status, OipJson.error(e.getMessage()));
    }
}
