package org.fieldmark.application.error;

import java.util.Objects;

/**
 * The one family of errors the application and its adapters raise. Each carries an
 * {@link ErrorCode} and whether trying the same thing again later may succeed. The family is
 * closed: entry points handle every member by switching over {@link #code()}.
 */
public abstract sealed class FieldmarkException extends RuntimeException
        permits InvalidRequestException, ImageNotFoundException, EmptyImageException, ImageTooLargeException,
        UnsupportedImageException, StorageUnavailableException, InferenceFailedException,
        InferenceTimeoutException, InvalidModelOutputException, NotificationFailedException,
        ConfigurationInvalidException, SightingNotFoundException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final boolean retryable;

    FieldmarkException(ErrorCode code, boolean retryable, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.retryable = retryable;
    }

    /** What kind of failure this is. */
    public ErrorCode code() {
        return code;
    }

    /** {@code true} when the same request may succeed later (throttling, outages, timeouts). */
    public boolean retryable() {
        return retryable;
    }

    @Override
    public String toString() {
        return code + (retryable ? " (retryable): " : ": ") + getMessage();
    }
}
