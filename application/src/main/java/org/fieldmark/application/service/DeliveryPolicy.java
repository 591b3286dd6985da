package org.fieldmark.application.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How often and how patiently each channel is retried: a failed attempt that may succeed later
 * waits {@code initialBackoff}, doubling per attempt up to {@code maxBackoff}, until
 * {@code maxAttempts} were made; then the delivery has failed for good (logged, shown with the
 * sighting, counted in {@code /metrics}). The defaults ride out a broker or topic outage of about
 * an hour: 2 s, 4 s, 8 s ... 15 min, 12 attempts.
 *
 * @param maxAttempts    attempts per channel and photo, at least 1
 * @param initialBackoff the wait after the first failed attempt, positive
 * @param maxBackoff     the longest wait between two attempts, at least {@code initialBackoff}
 */
public record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** 12 attempts, 2 s doubling to at most 15 min. */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(12, Duration.ofSeconds(2), Duration.ofMinutes(15));

    public DeliveryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a delivery needs at least 1 attempt, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and at most maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    /**
     * When to try again after the {@code attempts}-th attempt failed at {@code now}; {@code null}
     * when that was the last one.
     */
    public Instant nextAttempt(int attempts, Instant now) {
        if (attempts >= maxAttempts) {
            return null;
        }
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait);
    }
}
