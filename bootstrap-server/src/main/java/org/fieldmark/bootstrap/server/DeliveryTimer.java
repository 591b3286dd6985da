package org.fieldmark.bootstrap.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fieldmark.application.port.in.DeliverPendingUseCase;

/**
 * Sends what the outbox still owes, every {@code period} on a thread of its own: deliveries that
 * failed while their photo's caller was gone (an upload, a folder photo whose retries ran out, a
 * restart) are completed with each channel's backoff. One round at a time; a failed round is
 * logged and the next one tries again.
 */
final class DeliveryTimer implements AutoCloseable {

    /** How often the outbox is looked at. */
    static final Duration PERIOD = Duration.ofSeconds(1);

    private static final Logger LOG = System.getLogger(DeliveryTimer.class.getName());

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "fieldmark-deliveries");
        thread.setDaemon(true);
        return thread;
    });

    DeliveryTimer(DeliverPendingUseCase deliveries, Duration period) {
        Objects.requireNonNull(deliveries, "deliveries");
        executor.scheduleWithFixedDelay(() -> {
            try {
                int delivered = deliveries.deliverDue();
                if (delivered > 0) {
                    LOG.log(Level.INFO, "delivered " + delivered + " pending notification"
                            + (delivered == 1 ? "" : "s") + " from the outbox");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sending the outbox's pending notifications failed, trying again in "
                        + period.toMillis() + " ms: " + e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the timer and waits for a round under way. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
