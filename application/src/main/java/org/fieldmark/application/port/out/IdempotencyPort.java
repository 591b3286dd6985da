package org.fieldmark.application.port.out;

/**
 * Remembers which events were handled, so that an event delivered twice (S3, SQS and EventBridge
 * all deliver at least once) notifies once. A caller {@link #claim claims} an event before it
 * does anything, then either {@link #complete completes} it (the notification is out) or
 * {@link #release releases} it (the attempt failed, a retry may try again). A claim that is
 * neither completed nor released (the process died) becomes claimable again after the
 * adapter's claim timeout. Adapters raise
 * {@link org.fieldmark.application.error.StorageUnavailableException} when their store cannot be
 * read or written.
 */
public interface IdempotencyPort {

    /** What a claim found. */
    enum Claim {
        /** Nobody handled the event (or an earlier claim timed out): the caller owns it now. */
        FIRST_TIME,
        /** Another attempt claimed the event and has not finished yet. */
        IN_FLIGHT,
        /** The event was handled to the end before. */
        ALREADY_DONE
    }

    /** Claims {@code event} for the caller unless another attempt holds it or finished it. */
    Claim claim(EventKey event);

    /** Marks a claimed event as handled: later claims find {@link Claim#ALREADY_DONE}. */
    void complete(EventKey event);

    /** Gives a claimed event up: the next claim finds {@link Claim#FIRST_TIME}. */
    void release(EventKey event);
}
