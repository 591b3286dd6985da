package org.fieldmark.adapter.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort;

/**
 * Claims kept in this process's memory: right for one server, or one Lambda container when no
 * idempotency bucket is configured (duplicates that reach another container are not caught).
 * Remembers at most {@code capacity} events, forgetting the oldest first.
 */
public final class InMemoryIdempotency implements IdempotencyPort {

    /** How many events are remembered by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Duration claimTimeout;
    private final Clock clock;
    private final Map<String, Entry> entries;

    /** Remembers {@value #DEFAULT_CAPACITY} events; claims time out after {@code claimTimeout}. */
    public InMemoryIdempotency(Duration claimTimeout) {
        this(claimTimeout, Clock.systemUTC(), DEFAULT_CAPACITY);
    }

    public InMemoryIdempotency(Duration claimTimeout, Clock clock, int capacity) {
        this.claimTimeout = Objects.requireNonNull(claimTimeout, "claimTimeout");
        if (claimTimeout.isNegative() || claimTimeout.isZero()) {
            throw new IllegalArgumentException("the claim timeout must be positive, not " + claimTimeout);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.entries = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Claim claim(EventKey event) {
        String key = event.value();
        Entry entry = entries.get(key);
        Instant now = clock.instant();
        if (entry == null || (!entry.done() && !now.isBefore(entry.at().plus(claimTimeout)))) {
            entries.put(key, new Entry(false, now));
            return Claim.FIRST_TIME;
        }
        return entry.done() ? Claim.ALREADY_DONE : Claim.IN_FLIGHT;
    }

    @Override
    public synchronized void complete(EventKey event) {
        entries.put(event.value(), new Entry(true, clock.instant()));
    }

    @Override
    public synchronized void release(EventKey event) {
        entries.remove(event.value());
    }

    private record Entry(boolean done, Instant at) {
    }
}
