package org.fieldmark.bootstrap.server;

import org.fieldmark.application.error.FieldmarkException;

/** The {@code identify} subcommand's one mapping of the error family to the reason a failed photo is listed with. */
final class IdentifyReasons {

    private IdentifyReasons() {
    }

    /** What went wrong with one photo, in a few words and the error's own sentence. */
    static String reason(FieldmarkException e) {
        String kind = switch (e.code()) {
            case IMAGE_EMPTY -> "empty file";
            case IMAGE_TOO_LARGE -> "too large (raise identification.max-image-bytes)";
            case UNSUPPORTED_IMAGE -> "not a readable JPEG, PNG or BMP image";
            case IMAGE_NOT_FOUND -> "not found";
            case STORAGE_UNAVAILABLE -> "cannot be read";
            case INFERENCE_FAILED -> "the model failed";
            case INFERENCE_TIMEOUT -> "the model did not answer in time (inference.timeout-ms)";
            case INVALID_MODEL_OUTPUT -> "the model's answer is unusable";
            case INVALID_REQUEST -> "refused";
            case NOTIFICATION_FAILED -> "not told";
            case CONFIGURATION_INVALID -> "configuration";
            case SIGHTING_NOT_FOUND -> "bird log";
        };
        return kind + ": " + e.getMessage() + (e.retryable() ? " (may work if tried again: --resume)" : "");
    }
}
