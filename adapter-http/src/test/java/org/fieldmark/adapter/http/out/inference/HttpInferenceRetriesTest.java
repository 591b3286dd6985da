package org.fieldmark.adapter.http.out.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.Execution;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldmark.adapter.http.out.inference.FakeModelServer.Fault;
import org.fieldmark.adapter.http.out.inference.HttpInferenceAdapter.Reply;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inference adapter's retry policy, read from standalone executions (nothing sleeps there). */
class HttpInferenceRetriesTest {

    private static final HttpInferenceSettings SETTINGS = HttpInferenceSettings.sageMaker(
            URI.create("http://127.0.0.1:9")).withRetries(4, Duration.ofMillis(100), Duration.ofMillis(300),
            Duration.ofSeconds(2));

    private static Reply reply(int status, Map<String, String> headers) {
        HttpHeaders all = HttpHeaders.of(headers.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (name, value) -> true);
        return new Reply(status, all, new byte[0], false, 0);
    }

    private static Execution<Reply> execution() {
        return Execution.of(HttpInferenceAdapter.retryPolicy(SETTINGS));
    }

    @ParameterizedTest(name = "HTTP {0} is retried until the attempts run out")
    @ValueSource(ints = {429, 502, 503, 504})
    void retriesThrottledAnswersWithinTheBackoffCeilingsUpToTheAttempts(int status) {
        Execution<Reply> execution = execution();
        List<Duration> ceilings = List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));

        for (Duration ceiling : ceilings) {
            execution.recordResult(reply(status, Map.of()));
            assertThat(execution.isComplete()).isFalse();
            assertThat(execution.getDelay()).isBetween(Duration.ZERO, ceiling);
        }
        execution.recordResult(reply(status, Map.of()));

        assertThat(execution.isComplete()).isTrue();
    }

    @Test
    void retriesAnUnreachableServer() {
        Execution<Reply> execution = execution();

        execution.recordException(new ConnectException("Connection refused"));

        assertThat(execution.isComplete()).isFalse();
    }

    @ParameterizedTest(name = "HTTP {0} is final")
    @ValueSource(ints = {200, 400, 404, 415, 500})
    void neverRetriesOtherAnswers(int status) {
        Execution<Reply> execution = execution();

        execution.recordResult(reply(status, Map.of("Retry-After", "1")));

        assertThat(execution.isComplete()).isTrue();
    }

    @Test
    void leavesTheWaitToTheNextAttemptWhenTheServerSaidHowLong() {
        Execution<Reply> execution = execution();

        execution.recordResult(reply(503, Map.of("Retry-After", "1")));

        // Failsafe would jitter a computed delay; the attempt itself waits the second instead.
        assertThat(execution.isComplete()).isFalse();
        assertThat(execution.getDelay()).isZero();
    }

    @Test
    void backsOffAsUsualAfterAnUnreadableRetryAfter() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Execution<Reply> execution = execution();
            execution.recordResult(reply(503, Map.of("Retry-After", "soon")));
            waits.add(execution.getDelay());
        }

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(100)))
                .anySatisfy(wait -> assertThat(wait).isPositive());
    }

    @Test
    void sendsTheNextAttemptNoSoonerThanTheServerAsked() throws IOException {
        // Only a lower bound: the second request must not come before the Retry-After second.
        try (FakeModelServer server = new FakeModelServer()) {
            server.then(new Fault(503, "busy", Map.of("Retry-After", "1"), 0));
            HttpInferenceAdapter adapter = new HttpInferenceAdapter(HttpInferenceAdapterTest.quick(server.base(),
                    ModelServerProtocol.SAGEMAKER).withRetries(3, Duration.ofMillis(1), Duration.ofMillis(4),
                    Duration.ofSeconds(2)));
            long started = System.nanoTime();

            adapter.infer(new ImageBytes(ImageSamples.png(64), "image/png"));

            assertThat(server.seen).hasSize(2);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }
}
