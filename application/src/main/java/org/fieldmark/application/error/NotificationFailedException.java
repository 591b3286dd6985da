package org.fieldmark.application.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The identification could not be delivered; retryable when throttled or unavailable. Never swallowed.
 * When the service raises it, it carries the identification that was made (in the stable
 * {@code IdentificationResult.toMap()} shape), so an entry point can still hand it back and nothing is lost.
 */
public final class NotificationFailedException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    /** A plain map of JSON-friendly values; kept out of serialization, as it is only for the live caller. */
    private final transient Map<String, Object> identification;

    public NotificationFailedException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, cause, null);
    }

    public NotificationFailedException(String message, boolean retryable) {
        this(message, retryable, null, null);
    }

    private NotificationFailedException(String message, boolean retryable, Throwable cause,
                                        Map<String, Object> identification) {
        super(ErrorCode.NOTIFICATION_FAILED, retryable, message, cause);
        this.identification = identification == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(identification));
    }

    /**
     * The same failure (message, retryable flag) carrying the identification that was not
     * delivered; this exception becomes the cause, unless it has none of its own to keep.
     */
    public NotificationFailedException carrying(Map<String, Object> undelivered) {
        return new NotificationFailedException(getMessage(), retryable(), getCause() == null ? this : getCause(),
                undelivered);
    }

    /** The identification that was not delivered, when the service attached it. */
    public Optional<Map<String, Object>> identification() {
        return Optional.ofNullable(identification);
    }
}
