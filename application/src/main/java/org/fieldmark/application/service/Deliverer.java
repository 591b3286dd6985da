package org.fieldmark.application.service;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.OutboxPort;

/**
 * The sending half of the outbox: tells each channel of an entry that still waits, one channel at
 * a time, and writes each outcome back before the next. A channel that took the message is never
 * sent it again; one that failed is due again after the {@link DeliveryPolicy}'s backoff, or has
 * failed for good. Within the process a delivery is sent by one thread at a time (another thread
 * finding it claimed skips it) and its state is read again after claiming, so the timer and a
 * retried photo never both send it. What remains at least once: a channel that took the message
 * but whose acknowledgement was lost (a timeout after SNS or the broker accepted it), or a crash
 * between the send and the write-back, is sent again.
 */
final class Deliverer {

    private final Map<String, NotificationPort> channels;
    private final OutboxPort outbox;
    private final DeliveryPolicy policy;
    private final Clock clock;
    private final ServiceLog log;
    private final Set<String> sending = Collections.synchronizedSet(new HashSet<>());

    Deliverer(Map<String, NotificationPort> channels, OutboxPort outbox, DeliveryPolicy policy, Clock clock,
              ServiceLog log) {
        this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** One pending delivery per configured channel, in the configured order, due now. */
    List<Delivery> pendingForEveryChannel(Instant now) {
        return channels.keySet().stream().map(channel -> Delivery.pending(channel, now)).toList();
    }

    /**
     * One round of sending.
     *
     * @param entry  the entry with its deliveries as they stand afterwards
     * @param causes what the channels raised in this round, for the caller's stack trace
     */
    record Round(OutboxEntry entry, List<Throwable> causes) {
    }

    /**
     * Sends every pending delivery of {@code entry} once ({@code onlyDue}: only those whose next
     * attempt has come), telling the channels {@code told}.
     */
    Round deliver(OutboxEntry entry, IdentificationResult told, boolean onlyDue) {
        OutboxEntry current = entry;
        List<Throwable> causes = new ArrayList<>();
        for (Delivery delivery : entry.deliveries()) {
            if (!delivery.pending() || (onlyDue && delivery.nextAttempt().isAfter(clock.instant()))) {
                continue;
            }
            String claim = entry.id() + "\n" + delivery.channel();
            if (!sending.add(claim)) {
                continue;
            }
            try {
                Delivery fresh = outbox.find(entry.id()).flatMap(e -> e.delivery(delivery.channel())).orElse(delivery);
                Delivery after = fresh.pending() ? attempt(fresh, told, causes) : fresh;
                if (after != fresh) {
                    outbox.update(entry.id(), after);
                }
                current = current.with(after);
            } finally {
                sending.remove(claim);
            }
        }
        return new Round(current, causes);
    }

    private Delivery attempt(Delivery delivery, IdentificationResult told, List<Throwable> causes) {
        NotificationPort port = channels.get(delivery.channel());
        String error;
        boolean retryable;
        if (port == null) {
            error = "the channel '" + delivery.channel() + "' is not configured any more";
            retryable = false;
        } else {
            try {
                port.publish(told);
                return delivery.delivered();
            } catch (FieldmarkException e) {
                error = e.getMessage();
                retryable = e.retryable();
                causes.add(e);
            } catch (RuntimeException e) {
                error = e.toString();
                retryable = false;
                causes.add(e);
            }
        }
        Instant next = retryable ? policy.nextAttempt(delivery.attempts() + 1, clock.instant()) : null;
        log.log(Level.WARNING, "notification.failed", ServiceLog.fields(told.source())
                .with("channel", delivery.channel())
                .with("code", "NOTIFICATION_FAILED")
                .with("retryable", next != null)
                .with("attempt", delivery.attempts() + 1)
                .with("nextAttempt", next == null ? null : next.toString())
                .with("error", error));
        return delivery.failedAttempt(error, next);
    }

    /**
     * The failure to report for an entry some channel has not taken: retryable while a delivery is
     * still pending; empty when every channel took it.
     */
    Optional<NotificationFailedException> undelivered(Round round) {
        OutboxEntry entry = round.entry();
        List<String> failures = new ArrayList<>();
        boolean pending = false;
        for (Delivery delivery : entry.deliveries()) {
            if (delivery.state() == Delivery.State.DELIVERED) {
                continue;
            }
            pending |= delivery.pending();
            failures.add(delivery.channel() + (delivery.pending() ? " (retryable, attempt " + delivery.attempts()
                    + " of " + policy.maxAttempts() + ")" : " (failed for good after " + delivery.attempts()
                    + (delivery.attempts() == 1 ? " attempt)" : " attempts)")) + ": "
                    + (delivery.lastError() == null ? "being sent by another attempt" : delivery.lastError()));
        }
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        NotificationFailedException failed = new NotificationFailedException("notifying about '" + entry.photo()
                + "' failed on " + failures.size() + " of " + entry.deliveries().size() + " channels: "
                + String.join("; ", failures), pending, round.causes().isEmpty() ? null : round.causes().get(0));
        round.causes().stream().skip(1).forEach(failed::addSuppressed);
        return Optional.of(failed);
    }
}
