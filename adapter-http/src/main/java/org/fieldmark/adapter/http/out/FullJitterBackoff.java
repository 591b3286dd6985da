package org.fieldmark.adapter.http.out;

import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with full jitter, as the outbound HTTP adapters configure it: the wait
 * before retry {@code n} is a random time up to the ceiling {@code min(initial * 2^(n-1), max)}.
 * Failsafe computes the ceilings and the randomness; this record only translates our two
 * settings into its terms.
 *
 * @param initial the first retry's ceiling; zero retries at once
 * @param max     the largest ceiling
 */
public record FullJitterBackoff(Duration initial, Duration max) {

    public FullJitterBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
    }

    /**
     * Failsafe's delay before the first retry, before jitter: half the first ceiling. Its jitter
     * factor 1 spreads a delay {@code d} over {@code (0, 2d]}, so half of each ceiling covers the
     * whole range up to it.
     */
    public Duration firstDelay() {
        return (initial.compareTo(max) < 0 ? initial : max).dividedBy(2);
    }

    /** {@code policy} with these delays between its attempts. */
    public <R> RetryPolicyBuilder<R> applyTo(RetryPolicyBuilder<R> policy) {
        Duration first = firstDelay();
        if (first.isZero()) {
            return policy;
        }
        Duration cap = max.dividedBy(2);
        RetryPolicyBuilder<R> delayed = first.compareTo(cap) < 0 ? policy.withBackoff(first, cap) : policy.withDelay(first);
        return delayed.withJitter(1.0);
    }
}
