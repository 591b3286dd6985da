package org.fieldmark.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.sighting.DailyDigest;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NotificationPort} must do. Adapters extend this with their real channel
 * (a loopback SNS server, a webhook receiver) and inherit every test.
 */
public abstract class NotificationPortContract {

    protected abstract NotificationPort notifier();

    /** The messages the receiving side got, in order. */
    protected abstract List<String> deliveredMessages();

    /** Makes the receiving side refuse every later delivery. */
    protected abstract void breakChannel();

    @Test
    void deliversTheMessageTextExactly() {
        IdentificationResult result = Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01);

        notifier().publish(result);

        assertThat(deliveredMessages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void deliversUncertainMessagesAndUnusualKeysUnchanged() {
        NotificationPort port = notifier();
        port.publish(Results.workshop("feeder", "birds/x.jpg", 0.55, 0.10, 0.05, 0.30));
        port.publish(Results.workshop("feeder", "birds/jay & \"friend\" é 鳥 <1>.jpg", 0.25, 0.25, 0.25, 0.25));

        assertThat(deliveredMessages()).containsExactly(
                "Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)",
                "Bird [birds/jay & \"friend\" é 鳥 <1>.jpg] may be a: Purple Martin(0.25), or Northern Cardinal(0.25)");
    }

    @Test
    void deliversADigestAsItsMessageText() {
        DailyDigest digest = Results.digest();

        notifier().publishDigest(digest);

        assertThat(deliveredMessages()).containsExactly("Fieldmark digest for 2026-11-29: 3 species, 12 sightings — "
                + "House Sparrow 7, Northern Cardinal 4, Blue Jay 1");
    }

    @Test
    void deliversADayWithoutBirdsToo() {
        notifier().publishDigest(new DailyDigest(LocalDate.of(2026, 11, 30), ZoneId.of("Europe/Berlin"), List.of(), 0));

        assertThat(deliveredMessages()).containsExactly("Fieldmark digest for 2026-11-30: no birds recorded");
    }

    @Test
    void reportsAFailedDigestInsteadOfDroppingIt() {
        NotificationPort port = notifier();
        breakChannel();

        assertThatThrownBy(() -> port.publishDigest(Results.digest()))
                .isInstanceOfSatisfying(NotificationFailedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOTIFICATION_FAILED));
        assertThat(deliveredMessages()).isEmpty();
    }

    @Test
    void reportsAFailedDeliveryInsteadOfDroppingIt() {
        NotificationPort port = notifier();
        breakChannel();

        assertThatThrownBy(() -> port.publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01)))
                .isInstanceOfSatisfying(NotificationFailedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOTIFICATION_FAILED));
        assertThat(deliveredMessages()).isEmpty();
    }
}
