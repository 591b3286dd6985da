package org.fieldmark.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconnectBackoffTest {

    @ParameterizedTest(name = "after {0} failures with jitter {1}: {2} ms")
    @CsvSource({
            "1, 0.0, 250",
            "1, 1.0, 500",
            "2, 0.0, 500",
            "3, 0.5, 1500",
            "4, 1.0, 4000",
            "5, 1.0, 5000",
            "5, 0.0, 2500",
            "60, 1.0, 5000",
            "1000000, 0.25, 3125",
            "2, 7.0, 1000",
            "2, -3.0, 500"})
    void doublesTheCeilingPerFailureCapsItAndKeepsHalfOfItAsAFloor(int failures, double random, long millis) {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(5), () -> random);

        assertThat(backoff.delayAfter(failures)).isEqualTo(Duration.ofMillis(millis));
    }
}
