package org.fieldmark.application.error;

/** The image store could not be read; retryable when it is an outage or throttling. */
public final class StorageUnavailableException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, boolean retryable, Throwable cause) {
        super(ErrorCode.STORAGE_UNAVAILABLE, retryable, message, cause);
    }

    public StorageUnavailableException(String message, boolean retryable) {
        super(ErrorCode.STORAGE_UNAVAILABLE, retryable, message, null);
    }
}
