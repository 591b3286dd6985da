package org.fieldmark.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.IdentificationResult;

/**
 * What happened to one delivery of a new-object event.
 *
 * @param event  the event
 * @param status what was done
 * @param result the identification, when {@link Status#IDENTIFIED}
 * @param error  the failure, when {@link Status#FAILED}
 */
public record EventOutcome(NewObjectEvent event, Status status, IdentificationResult result, FieldmarkException error) {

    /** What was done with a delivery. */
    public enum Status {
        /** Identified, and notified when the rules say so, by this delivery. */
        IDENTIFIED,
        /** An earlier delivery of the same event was identified and notified: nothing done. */
        ALREADY_DONE,
        /** Another delivery of the same event is under way: nothing done; try again later. */
        IN_FLIGHT,
        /** The attempt failed; {@link #error()} says why and whether a retry may succeed. */
        FAILED
    }

    public EventOutcome {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        if ((status == Status.IDENTIFIED) != (result != null) || (status == Status.FAILED) != (error != null)) {
            throw new IllegalArgumentException("a " + status + " outcome has a result only when identified and an "
                    + "error only when failed");
        }
    }

    public static EventOutcome identified(NewObjectEvent event, IdentificationResult result) {
        return new EventOutcome(event, Status.IDENTIFIED, Objects.requireNonNull(result, "result"), null);
    }

    public static EventOutcome skipped(NewObjectEvent event, Status status) {
        return new EventOutcome(event, status, null, null);
    }

    public static EventOutcome failed(NewObjectEvent event, FieldmarkException error) {
        return new EventOutcome(event, Status.FAILED, null, Objects.requireNonNull(error, "error"));
    }

    public Optional<FieldmarkException> failure() {
        return Optional.ofNullable(error);
    }
}
