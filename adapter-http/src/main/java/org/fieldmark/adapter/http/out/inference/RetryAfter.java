package org.fieldmark.adapter.http.out.inference;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How long a throttled model server asked us to wait: its {@code Retry-After}, read up to a cap. */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait {@code header} asks for, at most {@code cap}; empty when there is none or it is unreadable. */
    static Optional<Duration> asked(Optional<String> header, ZonedDateTime now, Duration cap) {
        return header.flatMap(value -> parse(value, now)).map(wanted -> wanted.compareTo(cap) > 0 ? cap : wanted);
    }

    /** Retry-After is either delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Optional<Duration> parse(String value, ZonedDateTime now) {
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
