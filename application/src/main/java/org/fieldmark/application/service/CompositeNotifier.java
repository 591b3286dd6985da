package org.fieldmark.application.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * Tells several channels at once (e.g. {@code log,mqtt}), in the order given. Every channel is
 * tried even when an earlier one fails; if any failed, one {@link NotificationFailedException}
 * names each failed channel and why, and is retryable when any of the failures is (a retry then
 * repeats the delivery on the channels that succeeded too: receivers see it at least once).
 * Failures other than {@code NotificationFailedException} count as not retryable.
 */
public final class CompositeNotifier implements NotificationPort {

    private final Map<String, NotificationPort> channels;

    /** {@code channels} by name, in delivery order; at least one. */
    public CompositeNotifier(Map<String, NotificationPort> channels) {
        Objects.requireNonNull(channels, "channels");
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a composite notifier needs at least one channel");
        }
        Map<String, NotificationPort> copy = new LinkedHashMap<>();
        channels.forEach((name, port) -> copy.put(Objects.requireNonNull(name, "channel name"),
                Objects.requireNonNull(port, "channel " + name)));
        this.channels = Collections.unmodifiableMap(copy);
    }

    /** The channels' names, in delivery order. */
    public List<String> channelNames() {
        return List.copyOf(channels.keySet());
    }

    @Override
    public void publish(IdentificationResult result) {
        Objects.requireNonNull(result, "result");
        everyChannel(port -> port.publish(result));
    }

    /** Sends the digest through every channel, with the same failure rules as {@link #publish}. */
    @Override
    public void publishDigest(DailyDigest digest) {
        Objects.requireNonNull(digest, "digest");
        everyChannel(port -> port.publishDigest(digest));
    }

    private void everyChannel(Consumer<NotificationPort> delivery) {
        List<String> failures = new ArrayList<>();
        List<RuntimeException> causes = new ArrayList<>();
        boolean retryable = false;
        for (Map.Entry<String, NotificationPort> channel : channels.entrySet()) {
            try {
                delivery.accept(channel.getValue());
            } catch (NotificationFailedException e) {
                failures.add(channel.getKey() + (e.retryable() ? " (retryable): " : ": ") + e.getMessage());
                causes.add(e);
                retryable |= e.retryable();
            } catch (RuntimeException e) {
                failures.add(channel.getKey() + ": " + e);
                causes.add(e);
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        NotificationFailedException failed = new NotificationFailedException("notification failed on "
                + failures.size() + " of " + channels.size() + " channels: " + String.join("; ", failures), retryable,
                causes.get(0));
        causes.stream().skip(1).forEach(failed::addSuppressed);
        throw failed;
    }
}
