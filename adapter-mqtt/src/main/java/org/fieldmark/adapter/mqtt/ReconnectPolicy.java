package org.fieldmark.adapter.mqtt;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;

/**
 * When to reconnect after {@code n} failed or lost connections in a row: a wait between half
 * and all of the ceiling {@code min(initial * 2^(n-1), max)} ("equal jitter": never zero, so a
 * broker that is down is not hammered, and many clients do not reconnect in step), for ever.
 * Failsafe computes the ceilings and the randomness; the connection asks a standalone
 * {@link dev.failsafe.Execution} for each wait and sets a Vert.x timer.
 */
final class ReconnectPolicy {

    private ReconnectPolicy() {
    }

    static RetryPolicy<Object> of(Duration initial, Duration max) {
        // Failsafe's jitter factor f spreads a delay d over (d(1-f), d(1+f)]: three quarters of
        // each ceiling, give or take a third, lies between half the ceiling and all of it.
        Duration first = initial.multipliedBy(3).dividedBy(4);
        Duration cap = max.multipliedBy(3).dividedBy(4);
        RetryPolicyBuilder<Object> policy = RetryPolicy.builder().handle(Throwable.class).withMaxAttempts(-1);
        if (first.isZero()) {
            return policy.build();
        }
        return (first.compareTo(cap) < 0 ? policy.withBackoff(first, cap) : policy.withDelay(first))
                .withJitter(1.0 / 3).build();
    }
}
