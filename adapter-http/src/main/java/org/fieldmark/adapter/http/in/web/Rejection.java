package org.fieldmark.adapter.http.in.web;

/**
 * Refusals that happen at the HTTP level, before or around the use case: they are not
 * application errors (those are the {@code FieldmarkException} family, mapped in {@link Problems}),
 * so each carries its own status and problem code.
 */
enum Rejection {
    UNAUTHORIZED(401, false),
    ROUTE_NOT_FOUND(404, false),
    THUMBNAIL_NOT_FOUND(404, false),
    PHOTO_NOT_FOUND(404, false),
    PREVIEW_NOT_FOUND(404, false),
    SPECIES_NOT_FOUND(404, false),
    METHOD_NOT_ALLOWED(405, false),
    BODY_TOO_LARGE(413, false),
    UNSUPPORTED_MEDIA_TYPE(415, false),
    INTERNAL_ERROR(500, false),
    URL_FETCHING_NOT_CONFIGURED(501, false),
    OVERLOADED(503, true),
    SHUTTING_DOWN(503, true),
    NOT_READY(503, true);

    private final int status;
    private final boolean retryable;

    Rejection(int status, boolean retryable) {
        this.status = status;
        this.retryable = retryable;
    }

    int status() {
        return status;
    }

    boolean retryable() {
        return retryable;
    }
}
