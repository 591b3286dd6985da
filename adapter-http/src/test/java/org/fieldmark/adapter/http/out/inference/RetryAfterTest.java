package org.fieldmark.adapter.http.out.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 28, 1, 0, 0, 0, ZoneOffset.UTC);
    private static final Duration CAP = Duration.ofSeconds(5);

    @ParameterizedTest(name = "Retry-After ''{0}'' -> {1} ms")
    @CsvSource(delimiter = '|', value = {
        "2|2000",
        "0|0",
        "120|5000",
        "Sat, 28 Nov 2026 01:00:03 GMT|3000",
        "Sat, 28 Nov 2026 00:59:00 GMT|0",
        "Sat, 28 Nov 2026 02:00:00 GMT|5000"})
    void honoursSecondsAndDatesUpToTheCap(String header, long millis) {
        assertThat(RetryAfter.asked(Optional.of(header), NOW, CAP)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "Retry-After ''{0}'' is ignored")
    @CsvSource({"soon", "-1", "1.5", "9999999999"})
    void ignoresWhatItCannotRead(String header) {
        assertThat(RetryAfter.asked(Optional.of(header), NOW, CAP)).isEmpty();
    }

    @Test
    void asksNothingWithoutTheHeader() {
        assertThat(RetryAfter.asked(Optional.empty(), NOW, CAP)).isEmpty();
    }
}
