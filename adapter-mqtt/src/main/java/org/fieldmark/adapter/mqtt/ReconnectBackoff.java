package org.fieldmark.adapter.mqtt;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before reconnect attempt {@code n + 1} after {@code n} failed ones: a ceiling of
 * {@code initial * 2^(n-1)}, capped at {@code max}, of which a random half is jitter ("equal
 * jitter": never zero, so a broker that is down is not hammered, and many clients do not
 * reconnect in step).
 */
final class ReconnectBackoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    ReconnectBackoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay after {@code failures} failed attempts in a row (1-based); {@code random} gives 0..1. */
    Duration delayAfter(int failures) {
        long ceiling = initial.toNanos();
        long cap = max.toNanos();
        for (int i = 1; i < failures && ceiling < cap; i++) {
            ceiling = ceiling > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : ceiling * 2;
        }
        ceiling = Math.min(ceiling, cap);
        double jitter = Math.max(0.0, Math.min(1.0, random.getAsDouble()));
        return Duration.ofNanos(ceiling / 2 + (long) (ceiling / 2 * jitter));
    }
}
