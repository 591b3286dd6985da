package org.fieldmark.adapter.http.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The waits Failsafe computes from our settings, read from standalone executions (nothing
 * sleeps). The jitter is Failsafe's own randomness, so each case draws many executions: the
 * chance that 300 uniform draws all miss a quarter of the range is below 1e-37.
 */
class FullJitterBackoffTest {

    private static final int DRAWS = 300;

    /** The waits before retries 1..{@code retries} of an execution whose every attempt fails. */
    static List<Duration> waits(RetryPolicy<Object> policy, int retries) {
        Execution<Object> execution = Execution.of(policy);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < retries; i++) {
            execution.recordException(new IllegalStateException("unavailable"));
            waits.add(execution.getDelay());
        }
        return waits;
    }

    private static List<Duration> draws(FullJitterBackoff backoff, int retry) {
        RetryPolicy<Object> policy = backoff.applyTo(RetryPolicy.builder().withMaxAttempts(-1)).build();
        return IntStream.range(0, DRAWS).mapToObj(i -> waits(policy, retry).get(retry - 1)).toList();
    }

    @ParameterizedTest(name = "retry {0}: a random wait up to {1} ms")
    @CsvSource({"1, 100", "2, 200", "3, 400", "4, 500", "8, 500"})
    void waitsARandomTimeUpToTheDoublingCeilingCappedAtTheMaximum(int retry, long ceilingMillis) {
        Duration ceiling = Duration.ofMillis(ceilingMillis);

        List<Duration> waits = draws(new FullJitterBackoff(Duration.ofMillis(100), Duration.ofMillis(500)), retry);

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, ceiling));
        // Full jitter: spread over the whole range below the ceiling, not around one value.
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isLessThan(ceiling.dividedBy(4)));
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isGreaterThan(ceiling.multipliedBy(3).dividedBy(4)));
    }

    @Test
    void keepsOneCeilingWhenTheFirstIsAlreadyTheMaximum() {
        List<Duration> waits = draws(new FullJitterBackoff(Duration.ofSeconds(9), Duration.ofMillis(400)), 3);

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(400)));
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofMillis(300)));
    }

    @Test
    void retriesAtOnceWithoutABackoff() {
        RetryPolicy<Object> policy = new FullJitterBackoff(Duration.ZERO, Duration.ofSeconds(1))
                .applyTo(RetryPolicy.builder().withMaxAttempts(-1)).build();

        assertThat(waits(policy, 4)).containsOnly(Duration.ZERO);
    }

    @Test
    void startsFailsafeAtHalfTheFirstCeiling() {
        assertThat(new FullJitterBackoff(Duration.ofMillis(250), Duration.ofSeconds(5)).firstDelay())
                .isEqualTo(Duration.ofMillis(125));
        assertThat(new FullJitterBackoff(Duration.ofSeconds(8), Duration.ofSeconds(5)).firstDelay())
                .isEqualTo(Duration.ofMillis(2500));
    }
}
