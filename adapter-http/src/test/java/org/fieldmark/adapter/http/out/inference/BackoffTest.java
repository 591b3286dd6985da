package org.fieldmark.adapter.http.out.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 28, 1, 0, 0, 0, ZoneOffset.UTC);

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5),
            () -> 1.0);

    @ParameterizedTest(name = "after attempt {0}: {1} ms")
    @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "9, 1000"})
    void doublesTheCeilingPerAttemptUpToTheMaximum(int attempt, long millis) {
        assertThat(backoff.delayAfter(attempt, Optional.empty(), NOW)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "Retry-After ''{0}'' -> {1} ms")
    @CsvSource(delimiter = '|', value = {
        "2|2000",
        "0|0",
        "120|5000",
        "Sat, 28 Nov 2026 01:00:03 GMT|3000",
        "Sat, 28 Nov 2026 00:59:00 GMT|0",
        "Sat, 28 Nov 2026 02:00:00 GMT|5000",
        "soon|200",
        "-1|200"})
    void honoursRetryAfterUpToTheCapAndFallsBackWhenUnreadable(String header, long millis) {
        assertThat(backoff.delayAfter(2, Optional.of(header), NOW)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"0.0, 0", "0.5, 200", "0.25, 100"})
    void jittersAcrossTheWholeRange(double random, long millis) {
        Backoff jittered = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(5),
                () -> random);

        assertThat(jittered.delayAfter(3, Optional.empty(), NOW)).isEqualTo(Duration.ofMillis(millis));
    }
}
