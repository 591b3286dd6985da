package org.fieldmark.adapter.http.out.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.Execution;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.fieldmark.application.error.NotificationFailedException;
import org.junit.jupiter.api.Test;

/** The webhook's retry policy, read from standalone executions (nothing sleeps there). */
class WebhookRetriesTest {

    private static final WebhookSettings SETTINGS = WebhookSettings.of(URI.create("http://127.0.0.1:9/hook"), "")
            .withRetries(4, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(30));

    @Test
    void retriesARetryableFailureWithinTheBackoffCeilingsUntilTheAttemptsRunOut() {
        Execution<Void> execution = Execution.of(WebhookNotificationAdapter.retryPolicy(SETTINGS));
        NotificationFailedException unavailable = new NotificationFailedException("HTTP 503", true);

        for (Duration ceiling : List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300))) {
            execution.recordException(unavailable);
            assertThat(execution.isComplete()).isFalse();
            assertThat(execution.getDelay()).isBetween(Duration.ZERO, ceiling);
        }
        execution.recordException(unavailable);

        assertThat(execution.isComplete()).isTrue();
    }

    @Test
    void neverRetriesAFinalAnswerOrAnInterrupt() {
        for (NotificationFailedException failure : List.of(new NotificationFailedException("HTTP 400", false),
                new NotificationFailedException("interrupted", true, new InterruptedException()))) {
            Execution<Void> execution = Execution.of(WebhookNotificationAdapter.retryPolicy(SETTINGS));

            execution.recordException(failure);

            assertThat(execution.isComplete()).as(failure.getMessage()).isTrue();
        }
    }

    @Test
    void allowsNoRetryWhenTheBudgetCannotHoldOneWait() {
        Execution<Void> execution = Execution.of(WebhookNotificationAdapter.retryPolicy(
                SETTINGS.withRetries(4, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ZERO)));

        execution.recordException(new NotificationFailedException("HTTP 503", true));

        assertThat(execution.isComplete()).isTrue();
    }
}
