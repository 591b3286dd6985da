package org.fieldmark.application.error;

/** The identification could not be delivered; retryable when throttled or unavailable. Never swallowed. */
public final class NotificationFailedException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public NotificationFailedException(String message, boolean retryable, Throwable cause) {
        super(ErrorCode.NOTIFICATION_FAILED, retryable, message, cause);
    }

    public NotificationFailedException(String message, boolean retryable) {
        super(ErrorCode.NOTIFICATION_FAILED, retryable, message, null);
    }
}
