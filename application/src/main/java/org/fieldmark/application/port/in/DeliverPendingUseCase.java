package org.fieldmark.application.port.in;

/**
 * Sends what the outbox still owes: every pending delivery that is due, once per channel, with
 * the channel's backoff between attempts. A long-running process (the server) calls it on a
 * timer, so a delivery that failed while the photo's own caller was gone (an upload, a restart)
 * is completed without anyone asking again.
 */
public interface DeliverPendingUseCase {

    /**
     * Attempts every due pending delivery once.
     *
     * @return how many deliveries were delivered in this round
     */
    int deliverDue();
}
