package org.fieldmark.application.port.out;

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
}
