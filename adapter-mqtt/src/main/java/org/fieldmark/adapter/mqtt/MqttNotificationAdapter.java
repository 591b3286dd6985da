package org.fieldmark.adapter.mqtt;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * Publishes each notified sighting as JSON to {@code <prefix>/<source>/sighting} with QoS 1 and
 * returns only once the broker acknowledged it (PUBACK), within the publish timeout; otherwise it
 * raises a {@link NotificationFailedException}: retryable when the broker was unreachable or
 * slow, not retryable when it refused the credentials or the TLS handshake failed. Before a
 * source's first sighting on a connection it publishes that source's Home Assistant discovery
 * configs (retained), so they come back after a broker restart too; {@code <prefix>/status} is
 * {@code online} while connected and {@code offline} (the broker's last will) once gone.
 *
 * <p>The connection ({@link MqttConnection}) is made in the background and kept up: after a loss
 * or a failed attempt it reconnects with exponential backoff and jitter, capped (Failsafe). All
 * connection state lives on one Vert.x context; {@link #publish} blocks the calling (worker)
 * thread and must not be called on an event loop. Safe for concurrent callers.
 */
public final class MqttNotificationAdapter implements NotificationPort, AutoCloseable {

    private static final Logger LOG = System.getLogger(MqttNotificationAdapter.class.getName());
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /**
     * When the connection dropped before anything went out, the same messages go out on the next
     * connection (no duplicates); the publish deadline, which every attempt shares, bounds it.
     */
    static final RetryPolicy<Object> RESEND = RetryPolicy.builder()
            .handle(MqttConnection.NotSentYet.class)
            .withMaxAttempts(-1)
            .build();

    private final MqttSettings settings;
    private final Clock clock;
    private final MqttMessages messages;
    private final MqttConnection connection;
    private final Function<ImageReference, Optional<String>> links;
    private volatile boolean shutDown;

    /** Connects in the background, without image links; {@code vertx} stays the caller's to close. */
    public MqttNotificationAdapter(Vertx vertx, MqttSettings settings) {
        this(vertx, settings, image -> Optional.empty());
    }

    /**
     * Connects in the background; each sighting's {@code imageUrl} is {@code links}' answer for its
     * photo (the same function the other notifiers get, so every channel links the same photo the
     * same way), absent when it has none. {@code vertx} stays the caller's to close.
     */
    public MqttNotificationAdapter(Vertx vertx, MqttSettings settings, Function<ImageReference, Optional<String>> links) {
        this(vertx, settings, links, Clock.systemUTC());
    }

    MqttNotificationAdapter(Vertx vertx, MqttSettings settings, Clock clock) {
        this(vertx, settings, image -> Optional.empty(), clock);
    }

    MqttNotificationAdapter(Vertx vertx, MqttSettings settings, Function<ImageReference, Optional<String>> links,
                            Clock clock) {
        this.links = Objects.requireNonNull(links, "links");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messages = new MqttMessages(settings.topicPrefix(), settings.discoveryPrefix());
        this.connection = new MqttConnection(Objects.requireNonNull(vertx, "vertx"), settings, messages);
    }

    @Override
    public void publish(IdentificationResult result) {
        Objects.requireNonNull(result, "result");
        String source = MqttMessages.source(result);
        List<MqttMessages.Message> outgoing = new ArrayList<>();
        outgoing.add(new MqttMessages.Message(messages.sightingTopic(source), messages.sighting(result,
                links.apply(result.source()), clock.instant()), false));
        deliver("the sighting of '" + result.source() + "'", source, outgoing);
    }

    /** Publishes the digest's message to {@code <prefix>/digest}, acknowledged like a sighting. */
    @Override
    public void publishDigest(DailyDigest digest) {
        Objects.requireNonNull(digest, "digest");
        publishDigestText(digest.message());
    }

    /** Publishes a daily digest's text to {@code <prefix>/digest}, acknowledged like a sighting. */
    public void publishDigestText(String text) {
        Objects.requireNonNull(text, "text");
        deliver("the digest", null, List.of(new MqttMessages.Message(messages.digestTopic(),
                messages.digest(text, clock.instant()), false)));
    }

    /** The topics this notifier publishes a source's sightings to, for logs and docs. */
    public String sightingTopic(String source) {
        return messages.sightingTopic(source);
    }

    private void deliver(String what, String source, List<MqttMessages.Message> outgoing) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("MqttNotificationAdapter.publish blocks until the broker acknowledges; "
                    + "call it from a worker thread, not an event loop");
        }
        String describe = "MQTT publish of " + what + " to " + settings.broker();
        long deadline = System.nanoTime() + settings.publishTimeout().toNanos();
        try {
            Failsafe.with(RESEND).run(() -> publishOnce(describe, deadline, source, outgoing));
        } catch (FailsafeException e) {
            // Only an interrupt between two attempts ends up here.
            Thread.currentThread().interrupt();
            throw new NotificationFailedException(describe + " was interrupted", true, e.getCause());
        }
    }

    /** One attempt: waits for a connection, sends, and waits for the broker's acknowledgements. */
    private void publishOnce(String describe, long deadline, String source, List<MqttMessages.Message> outgoing) {
        awaitConnection(describe, deadline);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        connection.send(source, outgoing, acknowledged);
        try {
            acknowledged.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NotificationFailedException(describe + " failed: the broker did not acknowledge (PUBACK) "
                    + "within " + settings.publishTimeout().toMillis() + " ms", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MqttConnection.NotSentYet notSent) {
                throw notSent;
            }
            if (cause instanceof NotificationFailedException failed) {
                throw new NotificationFailedException(describe + " failed: " + failed.getMessage(),
                        failed.retryable(), failed);
            }
            throw new NotificationFailedException(describe + " failed: " + cause, true, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailedException(describe + " was interrupted", true, e);
        }
    }

    private void awaitConnection(String describe, long deadline) {
        while (true) {
            if (shutDown) {
                throw new NotificationFailedException(describe + " failed: the MQTT notifier is closed", false);
            }
            CompletableFuture<Void> current = connection.established();
            if (current.isDone() && !current.isCompletedExceptionally()) {
                return;
            }
            BrokerFailure failure = connection.lastFailure();
            if (failure != null && !failure.retryable()) {
                throw new NotificationFailedException(describe + " failed: " + failure.text(), false);
            }
            long remaining = deadline - System.nanoTime();
            try {
                if (remaining <= 0) {
                    throw new TimeoutException();
                }
                current.get(remaining, TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException e) {
                // The attempt was refused for good: the loop reports lastFailure.
            } catch (TimeoutException e) {
                BrokerFailure last = connection.lastFailure();
                throw new NotificationFailedException(describe + " failed: not connected within "
                        + settings.publishTimeout().toMillis() + " ms"
                        + (last == null ? "" : "; last failure: " + last.text()), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotificationFailedException(describe + " was interrupted while connecting", true, e);
            }
        }
    }

    /** Says {@code offline}, disconnects and stops reconnecting; waits briefly for the goodbye to go out. */
    @Override
    public void close() {
        shutDown = true;
        try {
            connection.close(CLOSE_GRACE).get(CLOSE_GRACE.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "MQTT notifier did not close cleanly: " + e);
        }
    }
}
