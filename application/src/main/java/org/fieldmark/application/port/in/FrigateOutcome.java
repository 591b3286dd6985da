package org.fieldmark.application.port.in;

import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.IdentificationResult;

/**
 * What one Frigate message led to.
 *
 * @param eventId  Frigate's event id
 * @param kind     ignored (not a bird Fieldmark looks at), skipped (nothing new to identify),
 *                 identified, or failed
 * @param reason   why, in one line
 * @param result   the identification, when there was one
 * @param error    the failure, when it failed
 * @param subLabel the sub label written back to Frigate, {@code null} when none was
 */
public record FrigateOutcome(String eventId, Kind kind, String reason, IdentificationResult result,
                             FieldmarkException error, String subLabel) {

    /** What happened to the message. */
    public enum Kind { IGNORED, SKIPPED, IDENTIFIED, FAILED }

    public FrigateOutcome {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if ((kind == Kind.IDENTIFIED) != (result != null) || (kind == Kind.FAILED) != (error != null)) {
            throw new IllegalArgumentException("an identified outcome has a result, a failed one an error");
        }
    }

    public static FrigateOutcome ignored(String eventId, String reason) {
        return new FrigateOutcome(eventId, Kind.IGNORED, reason, null, null, null);
    }

    public static FrigateOutcome skipped(String eventId, String reason) {
        return new FrigateOutcome(eventId, Kind.SKIPPED, reason, null, null, null);
    }

    public static FrigateOutcome failed(String eventId, FieldmarkException error) {
        return new FrigateOutcome(eventId, Kind.FAILED, error.getMessage(), null, error, null);
    }
}
