package org.fieldmark.adapter.http.out.inference;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter, and Retry-After read up to a cap. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Duration retryAfterCap;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, Duration retryAfterCap, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.retryAfterCap = retryAfterCap;
        this.random = random;
    }

    /**
     * How long to wait after failed attempt number {@code attempt} (1-based): the server's
     * {@code Retry-After} when it sent a readable one (capped), otherwise a random time up to
     * {@code initial * 2^(attempt-1)}, itself capped at {@code max}.
     */
    Duration delayAfter(int attempt, Optional<String> retryAfter, ZonedDateTime now) {
        Optional<Duration> asked = retryAfter.flatMap(value -> parseRetryAfter(value, now));
        if (asked.isPresent()) {
            Duration wanted = asked.get();
            return wanted.compareTo(retryAfterCap) > 0 ? retryAfterCap : wanted;
        }
        long ceiling = initial.toNanos();
        for (int i = 1; i < attempt && ceiling < max.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toNanos());
        return Duration.ofNanos((long) (ceiling * random.getAsDouble()));
    }

    /** Retry-After is either delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Optional<Duration> parseRetryAfter(String value, ZonedDateTime now) {
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(now, when);
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
