package org.fieldmark.adapter.mqtt;

import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldmark.application.port.in.FrigateEventsUseCase;
import org.fieldmark.application.port.in.FrigateOutcome;
import org.fieldmark.domain.frigate.FrigateEvent;
import org.fieldmark.wire.json.FrigateEventJson;

/**
 * Frigate's events as a driving adapter: subscribes to {@code <frigate-prefix>/events} (QoS 1, a
 * session the broker keeps while Fieldmark is away) on its own connection ({@link MqttConnection},
 * reconnecting with {@link ReconnectPolicy}), reads each message ({@link FrigateEventJson}) on the
 * MQTT context and hands it to one worker thread through a bounded queue, so a slow or absent
 * Frigate never blocks the MQTT loop. A message that is not an event is logged
 * ({@code frigate.event_rejected}, with the reason) and counted; one that finds the queue full is
 * logged ({@code frigate.event_dropped}) and counted. The worker calls the use case for each event
 * in the order they came; {@link #close()} lets it handle what is queued first, for a bounded time.
 */
public final class FrigateEventSource implements AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final int SNIPPET = 120;
    /** Far larger messages than an event are read, to be refused with a reason rather than break the connection. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final MqttConnection connection;
    private final BlockingQueue<FrigateEvent> queue;
    private final FrigateEventsUseCase useCase;
    private final Logger log;
    private final Thread worker;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Duration drainLimit;
    /** Set by {@link #close()}: no more events arrive; the worker handles what is queued, then ends. */
    private volatile boolean closed;
    /** Set when the drain took too long: the worker ends after the event under way. */
    private volatile boolean abandoned;

    /**
     * Connects in the background with {@code settings} (its client id must differ from the notifier's;
     * its topic prefix carries this connection's {@code status}) and starts the worker.
     *
     * @param frigatePrefix  Frigate's MQTT topic prefix, {@code frigate} by default
     * @param queueCapacity  events waiting for the worker before new ones are dropped
     * @param drainLimit     how long {@link #close()} waits for the queued events to be handled
     * @param log            where its structured lines go (each a map: {@code event}, then the fields)
     */
    public FrigateEventSource(Vertx vertx, MqttSettings settings, String frigatePrefix, int queueCapacity,
                              Duration drainLimit, FrigateEventsUseCase useCase, Logger log) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the Frigate queue holds at least one event, got " + queueCapacity);
        }
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.drainLimit = drainLimit;
        this.useCase = useCase;
        this.log = log;
        this.worker = new Thread(this::work, "fieldmark-frigate");
        worker.setDaemon(true);
        worker.start();
        this.connection = new MqttConnection(vertx, settings, new MqttMessages(settings.topicPrefix(),
                settings.discoveryPrefix()), new MqttConnection.Subscription(eventsTopic(frigatePrefix), MAX_MESSAGE_BYTES, this::arrived));
    }

    /** Frigate's event topic under {@code prefix}. */
    public static String eventsTopic(String prefix) {
        return prefix.replaceAll("/+$", "") + "/events";
    }

    /** Messages taken from the broker. */
    public long received() {
        return received.get();
    }

    /** Messages that were not Frigate events (not JSON, fields missing or wrong, too large). */
    public long rejected() {
        return rejected.get();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Completes when the broker acknowledged the subscription to Frigate's events; a new one after each loss. */
    public CompletableFuture<Void> subscribed() {
        return connection.subscribed();
    }

    /** On the MQTT context: read and queue, never wait. */
    private void arrived(byte[] payload) {
        received.incrementAndGet();
        FrigateEvent event;
        try {
            if (payload.length > FrigateEventJson.MAX_BYTES) {
                throw new IllegalArgumentException("the message has " + payload.length + " bytes, more than the "
                        + FrigateEventJson.MAX_BYTES + " a Frigate event has");
            }
            event = FrigateEventJson.read(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            log(Level.WARNING, "frigate.event_rejected", Map.of("reason", e.getMessage(), "bytes", payload.length,
                    "start", new String(payload, 0, Math.min(payload.length, SNIPPET), StandardCharsets.UTF_8)));
            return;
        }
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
            log(Level.WARNING, "frigate.event_dropped", Map.of("frigateEvent", event.id(), "type",
                    event.type().text(), "reason", "the queue of " + (queue.size() + queue.remainingCapacity())
                            + " events waiting for identification is full", "dropped", dropped.get()));
        }
    }

    private void work() {
        while (!abandoned) {
            FrigateEvent event;
            try {
                event = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                FrigateOutcome outcome = useCase.handle(event);
                log.log(Level.DEBUG, () -> "Frigate event " + outcome.eventId() + ": " + outcome.kind() + " ("
                        + outcome.reason() + ")");
            } catch (RuntimeException e) {
                // The use case reports failures in its outcome; anything else must not stop the worker.
                log(Level.ERROR, "frigate.event_failed", Map.of("frigateEvent", event.id(), "error", e.toString()));
            }
        }
    }

    private void log(Level level, String event, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.putAll(fields);
        log.log(level, line);
    }

    /**
     * Stops taking events (disconnects), lets the worker handle the events already queued for up to
     * the drain limit, and then, when some are still queued, logs how many are abandoned
     * ({@code frigate.events_abandoned}) and ends the worker after the event under way.
     */
    @Override
    public void close() {
        try {
            connection.close(CLOSE_GRACE).get(CLOSE_GRACE.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.log(Level.WARNING, "closing the Frigate MQTT connection: " + e);
        }
        closed = true;
        try {
            worker.join(drainLimit.toMillis());
            if (worker.isAlive()) {
                abandoned = true;
                log(Level.WARNING, "frigate.events_abandoned", Map.of("queued", queue.size(), "reason",
                        "the queued events were not handled within " + drainLimit.toMillis() + " ms of the stop"));
                worker.join(CLOSE_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
