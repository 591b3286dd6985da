package org.fieldmark.application.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The identification could not be delivered; retryable when throttled or unavailable. Never swallowed.
 * When the service raises it, it carries the identification that was made (the use case's
 * {@code IdentificationResult}), so an entry point can still hand it back and nothing is lost; how
 * it is shown is the entry point's business.
 */
public final class NotificationFailedException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    /**
     * The undelivered identification; kept out of serialization, as it is only for the live caller.
     * Held as {@code Object} because the error family sits below the ports (they raise these
     * errors), so naming the result's type here would tie the two packages in a cycle.
     */
    private final transient Object identification;

    public NotificationFailedException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, cause, null);
    }

    public NotificationFailedException(String message, boolean retryable) {
        this(message, retryable, null, null);
    }

    private NotificationFailedException(String message, boolean retryable, Throwable cause, Object identification) {
        super(ErrorCode.NOTIFICATION_FAILED, retryable, message, cause);
        this.identification = identification;
    }

    /**
     * The same failure (message, retryable flag) carrying the identification that was not
     * delivered; this exception becomes the cause, unless it has none of its own to keep.
     */
    public NotificationFailedException carrying(Object undelivered) {
        Objects.requireNonNull(undelivered, "undelivered");
        return new NotificationFailedException(getMessage(), retryable(), getCause() == null ? this : getCause(),
                undelivered);
    }

    /** The identification that was not delivered, when the service attached one of {@code type}. */
    public <T> Optional<T> identification(Class<T> type) {
        return Optional.ofNullable(identification).filter(type::isInstance).map(type::cast);
    }
}
