package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.testing.NotificationPortContract;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.Results;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompositeNotifierTest {

    private static final IdentificationResult CARDINAL = Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03,
            0.01);

    private final RecordingNotifier log = new RecordingNotifier();
    private final RecordingNotifier mqtt = new RecordingNotifier();
    private final RecordingNotifier webhook = new RecordingNotifier();

    private CompositeNotifier all() {
        Map<String, NotificationPort> channels = new LinkedHashMap<>();
        channels.put("log", log);
        channels.put("mqtt", mqtt);
        channels.put("webhook", webhook);
        return new CompositeNotifier(channels);
    }

    @Test
    void deliversToEveryChannelInOrder() {
        CompositeNotifier notifier = all();

        notifier.publish(CARDINAL);

        assertThat(notifier.channelNames()).containsExactly("log", "mqtt", "webhook");
        for (RecordingNotifier channel : List.of(log, mqtt, webhook)) {
            assertThat(channel.delivered()).containsExactly(CARDINAL);
        }
    }

    @Test
    void sendsTheDigestToEveryChannelAndNamesTheOneThatFailed() {
        webhook.failThrottled();

        assertThatThrownBy(() -> all().publishDigest(Results.digest()))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("notification failed on 1 of 3 channels: "
                            + "webhook (retryable): channel throttled the publish");
                });
        assertThat(log.digests()).containsExactly(Results.digest());
        assertThat(mqtt.digests()).containsExactly(Results.digest());
    }

    static Stream<Arguments> failures() {
        RuntimeException throttled = new NotificationFailedException("throttled", true);
        RuntimeException refused = new NotificationFailedException("refused the credentials", false);
        RuntimeException bug = new IllegalStateException("boom");
        return Stream.of(
                Arguments.of(throttled, null, true,
                        "notification failed on 1 of 3 channels: log (retryable): throttled"),
                Arguments.of(null, refused, false,
                        "notification failed on 1 of 3 channels: mqtt: refused the credentials"),
                Arguments.of(refused, throttled, true,
                        "notification failed on 2 of 3 channels: log: refused the credentials; "
                                + "mqtt (retryable): throttled"),
                Arguments.of(bug, refused, false,
                        "notification failed on 2 of 3 channels: log: java.lang.IllegalStateException: boom; "
                                + "mqtt: refused the credentials"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("failures")
    void triesEveryChannelAndNamesTheFailedOnesInOneError(RuntimeException logFailure, RuntimeException mqttFailure,
                                                          boolean retryable, String message) {
        if (logFailure != null) {
            log.failWith(logFailure);
        }
        if (mqttFailure != null) {
            mqtt.failWith(mqttFailure);
        }

        assertThatThrownBy(() -> all().publish(CARDINAL))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getCause()).isSameAs(logFailure != null ? logFailure : mqttFailure);
                });
        assertThat(webhook.delivered()).containsExactly(CARDINAL);
    }

    @Test
    void needsAtLeastOneChannel() {
        assertThatThrownBy(() -> new CompositeNotifier(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one channel");
    }

    /** A composite of one channel passes the shared notifier contract. */
    @Nested
    class PassesTheContract extends NotificationPortContract {

        private final RecordingNotifier only = new RecordingNotifier();
        private final CompositeNotifier composite = new CompositeNotifier(Map.of("only", only));

        @Override
        protected NotificationPort notifier() {
            return composite;
        }

        @Override
        protected List<String> deliveredMessages() {
            return only.messages();
        }

        @Override
        protected void breakChannel() {
            only.failThrottled();
        }
    }
}
