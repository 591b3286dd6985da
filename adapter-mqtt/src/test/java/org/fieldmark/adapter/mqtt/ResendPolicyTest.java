package org.fieldmark.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.failsafe.Execution;
import java.time.Duration;
import org.fieldmark.application.error.NotificationFailedException;
import org.junit.jupiter.api.Test;

/** When a publish is sent again: read from standalone executions of the notifier's policy. */
class ResendPolicyTest {

    @Test
    void sendsAgainAtOnceWhateverTheDroppedConnectionNeverSent() {
        Execution<Object> publish = Execution.of(MqttNotificationAdapter.RESEND);

        for (int i = 0; i < 100; i++) {
            publish.recordException(new MqttConnection.NotSentYet());
            assertThat(publish.isComplete()).isFalse();
            assertThat(publish.getDelay()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void neverSendsAgainWhatMayHaveGoneOut() {
        Execution<Object> publish = Execution.of(MqttNotificationAdapter.RESEND);

        publish.recordException(new NotificationFailedException("the broker did not acknowledge (PUBACK)", true));

        assertThat(publish.isComplete()).isTrue();
    }
}
