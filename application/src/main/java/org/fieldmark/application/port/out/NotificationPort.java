package org.fieldmark.application.port.out;

import org.fieldmark.domain.sighting.DailyDigest;

/**
 * Tells people what was identified: an SNS topic (and the SMS or e-mail behind it), a webhook,
 * a log. A failed delivery is a {@code NotificationFailedException}, never dropped silently;
 * it is retryable when the channel was throttled or unavailable. Every adapter passes the shared
 * {@code NotificationPortContract}.
 */
public interface NotificationPort {

    /**
     * Delivers the identification's message (and whatever structured fields the channel carries).
     *
     * @throws org.fieldmark.application.error.NotificationFailedException when it was not delivered
     */
    void publish(IdentificationResult result);

    /**
     * Delivers a day's digest: {@link DailyDigest#message()} as the text people read (the same
     * channel, the same failure rules as {@link #publish}), plus the counts where the channel
     * carries structured fields.
     *
     * @throws org.fieldmark.application.error.NotificationFailedException when it was not delivered
     */
    void publishDigest(DailyDigest digest);
}
