package org.fieldmark.adapter.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLException;
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
 * <p>The connection is made in the background and kept up: after a loss or a failed attempt it
 * reconnects with exponential backoff and jitter, capped. All connection state lives on one
 * Vert.x context; {@link #publish} blocks the calling (worker) thread and must not be called on an
 * event loop. Safe for concurrent callers.
 */
public final class MqttNotificationAdapter implements NotificationPort, AutoCloseable {

    private static final Logger LOG = System.getLogger(MqttNotificationAdapter.class.getName());
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final MqttSettings settings;
    private final Clock clock;
    private final MqttMessages messages;
    private final ReconnectBackoff backoff;
    private final Context context;
    private final Function<ImageReference, Optional<String>> links;

    // Confined to the context.
    private MqttClient client;
    private boolean connected;
    private boolean closed;
    private int failedAttempts;
    private long reconnectTimer = -1;
    private final Map<Integer, Promise<Void>> awaitingAck = new HashMap<>();
    private final Set<String> discovered = new HashSet<>();
    private final Map<String, String> knownSources = new LinkedHashMap<>();

    // Read by callers' threads.
    private volatile CompletableFuture<Void> connection = new CompletableFuture<>();
    private volatile Failure lastFailure;
    private volatile boolean shutDown;

    /** Why the last connection attempt failed, and whether trying again can help. */
    private record Failure(String text, boolean retryable) {
    }

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
        this(vertx, settings, links, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    MqttNotificationAdapter(Vertx vertx, MqttSettings settings, Clock clock, DoubleSupplier jitter) {
        this(vertx, settings, image -> Optional.empty(), clock, jitter);
    }

    MqttNotificationAdapter(Vertx vertx, MqttSettings settings, Function<ImageReference, Optional<String>> links,
                            Clock clock, DoubleSupplier jitter) {
        this.links = Objects.requireNonNull(links, "links");
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messages = new MqttMessages(settings.topicPrefix(), settings.discoveryPrefix());
        this.backoff = new ReconnectBackoff(settings.initialBackoff(), settings.maxBackoff(), jitter);
        // One context for every client this notifier makes, so all connection state is touched by one thread.
        this.context = vertx.getOrCreateContext();
        context.runOnContext(v -> connect());
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
        while (true) {
            awaitConnection(describe, deadline);
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            context.runOnContext(v -> send(source, outgoing, acknowledged));
            try {
                acknowledged.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                throw new NotificationFailedException(describe + " failed: the broker did not acknowledge (PUBACK) "
                        + "within " + settings.publishTimeout().toMillis() + " ms", true, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof NotSentYet) {
                    // The connection dropped before anything went out: wait for the next one, same deadline.
                    continue;
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
    }

    /** Nothing was sent because the connection had just dropped; safe to send again without duplicates. */
    private static final class NotSentYet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSentYet() {
            super("the connection was lost before publishing", null, false, false);
        }
    }

    private void awaitConnection(String describe, long deadline) {
        while (true) {
            if (shutDown) {
                throw new NotificationFailedException(describe + " failed: the MQTT notifier is closed", false);
            }
            CompletableFuture<Void> current = connection;
            if (current.isDone() && !current.isCompletedExceptionally()) {
                return;
            }
            Failure failure = lastFailure;
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
                Failure last = lastFailure;
                throw new NotificationFailedException(describe + " failed: not connected within "
                        + settings.publishTimeout().toMillis() + " ms"
                        + (last == null ? "" : "; last failure: " + last.text()), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotificationFailedException(describe + " was interrupted while connecting", true, e);
            }
        }
    }

    // ---- everything below runs on the context ----

    private void send(String source, List<MqttMessages.Message> outgoing, CompletableFuture<Void> acknowledged) {
        if (!connected || client == null) {
            acknowledged.completeExceptionally(new NotSentYet());
            return;
        }
        List<Future<Void>> acks = new ArrayList<>();
        String slug = null;
        if (source != null && settings.discovery()) {
            slug = MqttMessages.slug(source);
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
        MqttClient attempt = MqttClient.create(vertx, options());
        client = attempt;
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
                connected(attempt);
            } else {
                failed(attempt, done.cause());
            }
        });
    }

    private void connected(MqttClient attempt) {
        connected = true;
        failedAttempts = 0;
        lastFailure = null;
        discovered.clear();
        connection.complete(null);
        LOG.log(Level.INFO, "MQTT connected to " + settings.broker() + " as " + settings.clientId());
        publishAcknowledged(new MqttMessages.Message(messages.statusTopic(), MqttMessages.ONLINE, true));
        // Retained configs may be gone (a broker without persistence restarted): publish them again.
        knownSources.forEach(this::discover);
    }

    private void failed(MqttClient attempt, Throwable cause) {
        Failure failure = describe(cause);
        lastFailure = failure;
        LOG.log(Level.WARNING, "MQTT connection to " + settings.broker() + " failed: " + failure.text());
        if (!failure.retryable()) {
            CompletableFuture<Void> refused = connection;
            connection = new CompletableFuture<>();
            refused.completeExceptionally(new IllegalStateException(failure.text()));
        }
        attempt.closeHandler(null);
        scheduleReconnect();
    }

    private void lost(MqttClient attempt) {
        if (client != attempt) {
            return;
        }
        if (connected) {
            connected = false;
            connection = new CompletableFuture<>();
            lastFailure = new Failure("the broker closed the connection", true);
            LOG.log(Level.WARNING, "MQTT connection to " + settings.broker() + " lost; reconnecting");
        }
        failPending("the connection was lost before the broker acknowledged (PUBACK)");
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed || reconnectTimer != -1) {
            return;
        }
        failedAttempts++;
        long delay = Math.max(1, backoff.delayAfter(failedAttempts).toMillis());
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

    private Failure describe(Throwable cause) {
        if (cause instanceof MqttConnectionException refused) {
            MqttConnectReturnCode code = refused.code();
            return switch (code) {
                case CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, CONNECTION_REFUSED_NOT_AUTHORIZED,
                     CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD, CONNECTION_REFUSED_NOT_AUTHORIZED_5 ->
                        new Failure("the broker refused the credentials (" + code + "); check the MQTT user name "
                                + "and password", false);
                case CONNECTION_REFUSED_IDENTIFIER_REJECTED, CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID ->
                        new Failure("the broker rejected the client id '" + settings.clientId() + "' (" + code
                                + "); set another MQTT client id", false);
                case CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, CONNECTION_REFUSED_UNSUPPORTED_PROTOCOL_VERSION ->
                        new Failure("the broker does not speak MQTT 3.1.1 (" + code + ")", false);
                default -> new Failure("the broker refused the connection (" + code + ")", true);
            };
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new Failure("the TLS handshake failed (" + t.getMessage() + "); check the MQTT CA file or "
                        + "trust store and that the broker's certificate names " + settings.host(), false);
            }
        }
        return new Failure("could not connect (" + cause.getMessage() + ")", true);
    }

    private MqttClientOptions options() {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(settings.clientId())
                .setCleanSession(true)
                .setKeepAliveInterval(KEEP_ALIVE_SECONDS)
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(256)
                .setWillFlag(true)
                .setWillTopic(messages.statusTopic())
                .setWillMessageBytes(Buffer.buffer(MqttMessages.OFFLINE))
                .setWillQoS(1)
                .setWillRetain(true);
        options.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
        if (!settings.username().isEmpty()) {
            options.setUsername(settings.username());
        }
        if (!settings.password().isEmpty()) {
            options.setPassword(settings.password());
        }
        if (settings.tls()) {
            options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
            if (settings.caFile() != null) {
                options.setTrustOptions(new PemTrustOptions().addCertPath(settings.caFile().toString()));
            } else if (settings.trustStore() != null) {
                String name = settings.trustStore().getFileName().toString().toLowerCase(Locale.ROOT);
                String path = settings.trustStore().toString();
                options.setTrustOptions(name.endsWith(".jks")
                        ? new JksOptions().setPath(path).setPassword(settings.trustStorePassword())
                        : new PfxOptions().setPath(path).setPassword(settings.trustStorePassword()));
            }
        }
        return options;
    }

    /** Says {@code offline}, disconnects and stops reconnecting; waits briefly for the goodbye to go out. */
    @Override
    public void close() {
        shutDown = true;
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
                    .timeout(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                    .eventually(() -> current.disconnect())
                    .onComplete(ignored -> {
                        failPending("the MQTT notifier was closed");
                        done.complete(null);
                    });
        });
        try {
            done.get(CLOSE_GRACE.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "MQTT notifier did not close cleanly: " + e);
        }
    }
}
