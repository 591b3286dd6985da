package org.fieldmark.adapter.mqtt;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fieldmark.application.error.NotificationFailedException;

/**
 * The notifier's one broker connection, kept up in the background: connects, reconnects after a
 * loss or a failed attempt (waits from {@link ReconnectPolicy}), publishes with QoS 1 and
 * completes each publish when the broker acknowledged it (PUBACK), and publishes each source's
 * Home Assistant discovery configs before its first sighting on a connection. All its state is
 * touched on one Vert.x context; callers' threads only read {@link #established()} and
 * {@link #lastFailure()}.
 */
final class MqttConnection {

    private static final Logger LOG = System.getLogger(MqttConnection.class.getName());

    /** Nothing was sent because the connection had just dropped; safe to send again without duplicates. */
    static final class NotSentYet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSentYet() {
            super("the connection was lost before publishing", null, false, false);
        }
    }

    /**
     * A topic subscribed to (QoS 1) on every connection, in a session the broker keeps while we are
     * away, and who gets its messages: called on the connection's context, so it must hand them off
     * and never block. Messages up to {@code maxMessageBytes} are read (larger ones would close the
     * connection, and the broker would send them again on the next): the receiver judges their size.
     */
    record Subscription(String topic, int maxMessageBytes, Consumer<byte[]> messages) {
    }

    private final Vertx vertx;
    private final MqttSettings settings;
    private final MqttMessages messages;
    private final Subscription subscription;
    private final RetryPolicy<Object> reconnectPolicy;
    private final Context context;

    // Confined to the context.
    private MqttClient client;
    private boolean connected;
    private boolean closed;
    /** The current outage's reconnect attempts; null while connected. */
    private Execution<Object> reconnects;
    private long reconnectTimer = -1;
    private final Map<Integer, Promise<Void>> awaitingAck = new HashMap<>();
    private final Set<String> discovered = new HashSet<>();
    private final Map<String, String> knownSources = new LinkedHashMap<>();

    // Read by callers' threads.
    private volatile CompletableFuture<Void> connection = new CompletableFuture<>();
    private volatile BrokerFailure lastFailure;
    private volatile CompletableFuture<Void> subscribed = new CompletableFuture<>();

    /** Starts connecting in the background, on a context of its own for every client it makes. */
    MqttConnection(Vertx vertx, MqttSettings settings, MqttMessages messages) {
        this(vertx, settings, messages, null);
    }

    /** Also subscribes to {@code subscription} on every connection; {@code null} subscribes to nothing. */
    MqttConnection(Vertx vertx, MqttSettings settings, MqttMessages messages, Subscription subscription) {
        this.vertx = vertx;
        this.settings = settings;
        this.messages = messages;
        this.subscription = subscription;
        this.reconnectPolicy = ReconnectPolicy.of(settings.initialBackoff(), settings.maxBackoff());
        this.context = vertx.getOrCreateContext();
        context.runOnContext(v -> connect());
    }

    /** Completes when connected; a new one after each loss; failed when the broker refused for good. */
    CompletableFuture<Void> established() {
        return connection;
    }

    /** Completes when the broker acknowledged the subscription (SUBACK); a new one after each loss. */
    CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    /** Why the last attempt failed, or {@code null} while connected. */
    BrokerFailure lastFailure() {
        return lastFailure;
    }

    /**
     * Publishes {@code outgoing} (after {@code source}'s discovery configs, once per connection);
     * {@code acknowledged} completes when the broker acknowledged all of them, and fails with
     * {@link NotSentYet} when there was no connection to send them on.
     */
    void send(String source, List<MqttMessages.Message> outgoing, CompletableFuture<Void> acknowledged) {
        context.runOnContext(v -> sendOnContext(source, outgoing, acknowledged));
    }

    // ---- everything below runs on the context ----

    private void sendOnContext(String source, List<MqttMessages.Message> outgoing,
                               CompletableFuture<Void> acknowledged) {
        if (!connected || client == null) {
            acknowledged.completeExceptionally(new NotSentYet());
            return;
        }
        List<Future<Void>> acks = new ArrayList<>();
        if (source != null && settings.discovery()) {
            String slug = MqttMessages.slug(source);
            knownSources.putIfAbsent(slug, source);
            if (!discovered.contains(slug)) {
                acks.add(discover(slug, source));
            }
        }
        for (MqttMessages.Message message : outgoing) {
            acks.add(publishAcknowledged(message));
        }
        Future.all(acks).onComplete(done -> {
            if (done.succeeded()) {
                acknowledged.complete(null);
            } else {
                acknowledged.completeExceptionally(done.cause());
            }
        });
    }

    private Future<Void> discover(String slug, String source) {
        MqttClient publishingTo = client;
        List<Future<Void>> acks = new ArrayList<>();
        for (MqttMessages.Message config : messages.discovery(source)) {
            acks.add(publishAcknowledged(config));
        }
        return Future.all(acks).map(all -> {
            if (client == publishingTo && connected) {
                discovered.add(slug);
            }
            return null;
        });
    }

    private Future<Void> publishAcknowledged(MqttMessages.Message message) {
        Promise<Void> acked = Promise.promise();
        MqttClient publishingTo = client;
        publishingTo.publish(message.topic(), Buffer.buffer(message.payload()), MqttQoS.AT_LEAST_ONCE, false,
                message.retained()).onComplete(sent -> {
                    if (sent.failed() && closedUnderneath(publishingTo, sent.cause())) {
                        // The broker went away before the client noticed: nothing went out, so the
                        // caller waits for the next connection and sends again (within its deadline).
                        if (client == publishingTo) {
                            lost(publishingTo);
                            publishingTo.closeHandler(null);
                            publishingTo.disconnect();
                        }
                        acked.tryFail(new NotSentYet());
                    } else if (sent.failed()) {
                        acked.tryFail(new NotificationFailedException("the client could not send to "
                                + message.topic() + ": " + sent.cause().getMessage(), true, sent.cause()));
                    } else {
                        awaitingAck.put(sent.result(), acked);
                    }
                });
        return acked.future();
    }

    private static boolean closedUnderneath(MqttClient publishingTo, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return true;
            }
        }
        return !publishingTo.isConnected();
    }

    private void connect() {
        if (closed) {
            return;
        }
        MqttClientOptions options = ClientOptions.of(settings, messages.statusTopic()).setCleanSession(subscription == null);
        if (subscription != null) {
            options.setMaxMessageSize(subscription.maxMessageBytes());
        }
        MqttClient attempt = MqttClient.create(vertx, options);
        client = attempt;
        if (subscription != null) {
            attempt.publishHandler(message -> subscription.messages().accept(message.payload().getBytes()));
            attempt.subscribeCompletionHandler(ack -> {
                if (client == attempt) {
                    subscribed.complete(null);
                }
            });
        }
        attempt.publishCompletionHandler(packetId -> {
            Promise<Void> acked = awaitingAck.remove(packetId);
            if (acked != null) {
                acked.tryComplete();
            }
        });
        attempt.closeHandler(v -> lost(attempt));
        attempt.exceptionHandler(e -> LOG.log(Level.DEBUG, "MQTT connection to " + settings.broker() + ": " + e));
        attempt.connect(settings.port(), settings.host()).onComplete(done -> {
            if (client != attempt) {
                return;
            }
            if (done.succeeded()) {
                connected();
            } else {
                failed(attempt, done.cause());
            }
        });
    }

    private void connected() {
        connected = true;
        reconnects = null;
        lastFailure = null;
        discovered.clear();
        connection.complete(null);
        LOG.log(Level.INFO, "MQTT connected to " + settings.broker() + " as " + settings.clientId());
        publishAcknowledged(new MqttMessages.Message(messages.statusTopic(), MqttMessages.ONLINE, true));
        if (subscription != null) {
            client.subscribe(subscription.topic(), MqttQoS.AT_LEAST_ONCE.value()).onFailure(e -> LOG.log(Level.WARNING,
                    "MQTT subscription to " + subscription.topic() + " on " + settings.broker() + " failed: " + e));
        }
        // Retained configs may be gone (a broker without persistence restarted): publish them again.
        knownSources.forEach(this::discover);
    }

    private void failed(MqttClient attempt, Throwable cause) {
        BrokerFailure failure = BrokerFailure.of(cause, settings);
        lastFailure = failure;
        LOG.log(Level.WARNING, "MQTT connection to " + settings.broker() + " failed: " + failure.text());
        if (!failure.retryable()) {
            CompletableFuture<Void> refused = connection;
            connection = new CompletableFuture<>();
            refused.completeExceptionally(new IllegalStateException(failure.text()));
        }
        attempt.closeHandler(null);
        scheduleReconnect(cause);
    }

    private void lost(MqttClient attempt) {
        if (client != attempt) {
            return;
        }
        if (connected) {
            connected = false;
            connection = new CompletableFuture<>();
            if (subscribed.isDone()) {
                subscribed = new CompletableFuture<>();
            }
            lastFailure = BrokerFailure.CLOSED_BY_BROKER;
            LOG.log(Level.WARNING, "MQTT connection to " + settings.broker() + " lost; reconnecting");
        }
        failPending("the connection was lost before the broker acknowledged (PUBACK)");
        scheduleReconnect(new ClosedChannelException());
    }

    private void scheduleReconnect(Throwable cause) {
        if (closed || reconnectTimer != -1) {
            return;
        }
        if (reconnects == null) {
            reconnects = Execution.of(reconnectPolicy);
        }
        reconnects.recordException(cause);
        long delay = Math.max(1, reconnects.getDelay().toMillis());
        reconnectTimer = vertx.setTimer(delay, id -> context.runOnContext(v -> {
            reconnectTimer = -1;
            connect();
        }));
    }

    private void failPending(String why) {
        List<Promise<Void>> pending = new ArrayList<>(awaitingAck.values());
        awaitingAck.clear();
        pending.forEach(p -> p.tryFail(new NotificationFailedException(why, true)));
    }

    /**
     * Stops reconnecting, says {@code offline} when connected (waiting up to {@code grace} for the
     * broker's acknowledgement) and disconnects; the answer completes once that is done.
     */
    CompletableFuture<Void> close(Duration grace) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            closed = true;
            if (reconnectTimer != -1) {
                vertx.cancelTimer(reconnectTimer);
                reconnectTimer = -1;
            }
            MqttClient current = client;
            if (current == null || !connected) {
                failPending("the MQTT notifier was closed");
                done.complete(null);
                return;
            }
            connected = false;
            current.closeHandler(null);
            publishAcknowledged(new MqttMessages.Message(messages.statusTopic(), MqttMessages.OFFLINE, true))
                    .timeout(grace.toMillis(), TimeUnit.MILLISECONDS)
                    .eventually(() -> current.disconnect())
                    .onComplete(ignored -> {
                        failPending("the MQTT notifier was closed");
                        done.complete(null);
                    });
        });
        return done;
    }
}
