package org.fieldmark.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * One channel's share of telling people about one identification, as the outbox keeps it:
 * {@link State#PENDING} until the channel took it ({@link State#DELIVERED}) or it ran out of
 * attempts or failed for good ({@link State#FAILED}). A delivered or failed delivery is never
 * sent again.
 *
 * @param channel     the channel's name as configured, e.g. {@code log}, {@code mqtt}, {@code sns}
 * @param state       where it stands
 * @param attempts    how often it was sent so far
 * @param lastError   why the last attempt failed; {@code null} when none failed
 * @param nextAttempt when a pending delivery is due next; {@code null} once it is no longer pending
 */
public record Delivery(String channel, State state, int attempts, String lastError, Instant nextAttempt) {

    /** Where a delivery stands. */
    public enum State {
        /** Not delivered yet; sent again when due. */
        PENDING,
        /** The channel took it; never sent again. */
        DELIVERED,
        /** Out of attempts or refused for good; never sent again. */
        FAILED
    }

    public Delivery {
        Objects.requireNonNull(channel, "channel");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("a delivery needs a channel name");
        }
        Objects.requireNonNull(state, "state");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        }
        if (state == State.PENDING && nextAttempt == null) {
            throw new IllegalArgumentException("a pending delivery needs the time of its next attempt");
        }
        nextAttempt = state == State.PENDING ? nextAttempt : null;
    }

    /** A delivery to {@code channel} that nobody tried yet, due at {@code now}. */
    public static Delivery pending(String channel, Instant now) {
        return new Delivery(channel, State.PENDING, 0, null, now);
    }

    /** This delivery, taken by its channel on one more attempt. */
    public Delivery delivered() {
        return new Delivery(channel, State.DELIVERED, attempts + 1, lastError, null);
    }

    /** This delivery after one more failed attempt: due again at {@code next}, or failed for good when {@code null}. */
    public Delivery failedAttempt(String error, Instant next) {
        return next == null ? new Delivery(channel, State.FAILED, attempts + 1, error, null)
                : new Delivery(channel, State.PENDING, attempts + 1, error, next);
    }

    public boolean pending() {
        return state == State.PENDING;
    }
}
