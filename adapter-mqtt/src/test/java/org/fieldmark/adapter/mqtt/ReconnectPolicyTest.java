package org.fieldmark.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reconnect waits Failsafe computes, read from standalone executions as the connection uses
 * them (nothing sleeps). The jitter is Failsafe's own randomness, so each case draws many outages:
 * the chance that 300 uniform draws all miss a fifth of the range is below 1e-29.
 */
class ReconnectPolicyTest {

    private static final int DRAWS = 300;
    /** Failsafe rounds a jittered wait down to whole nanoseconds. */
    private static final Duration ROUNDING = Duration.ofNanos(2);

    private static final RetryPolicy<Object> POLICY = ReconnectPolicy.of(Duration.ofMillis(500), Duration.ofSeconds(5));

    /** The wait after {@code failures} failed connections in a row, in a fresh outage. */
    private static Duration waitAfter(RetryPolicy<Object> policy, int failures) {
        Execution<Object> outage = Execution.of(policy);
        for (int i = 0; i < failures; i++) {
            outage.recordException(new IOException("Connection refused"));
        }
        return outage.getDelay();
    }

    @ParameterizedTest(name = "after {0} failures: between {1} and {2} ms")
    @CsvSource({"1, 250, 500", "2, 500, 1000", "3, 1000, 2000", "4, 2000, 4000", "5, 2500, 5000",
            "60, 2500, 5000"})
    void doublesTheCeilingPerFailureCapsItAndKeepsHalfOfItAsAFloor(int failures, long floor, long ceiling) {
        List<Duration> waits = IntStream.range(0, DRAWS).mapToObj(i -> waitAfter(POLICY, failures)).toList();

        assertThat(waits).allSatisfy(wait -> assertThat(wait)
                .isBetween(Duration.ofMillis(floor).minus(ROUNDING), Duration.ofMillis(ceiling)));
        long fifth = (ceiling - floor) / 5;
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isLessThan(Duration.ofMillis(floor + fifth)));
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofMillis(ceiling - fifth)));
    }

    @Test
    void neverGivesUp() {
        Execution<Object> outage = Execution.of(POLICY);
        for (int i = 0; i < 1000; i++) {
            outage.recordException(new IOException("Connection refused"));
        }

        assertThat(outage.isComplete()).isFalse();
    }

    @Test
    void keepsOneCeilingWhenTheFirstIsTheMaximum() {
        RetryPolicy<Object> flat = ReconnectPolicy.of(Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(n -> waitAfter(flat, n)))
                .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofMillis(500).minus(ROUNDING),
                        Duration.ofSeconds(1)));
    }
}
