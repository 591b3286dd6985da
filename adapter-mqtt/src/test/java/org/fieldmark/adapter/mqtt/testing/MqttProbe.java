package org.fieldmark.adapter.mqtt.testing;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The other side of the broker: a second Vert.x MQTT client that subscribes (QoS 1) and keeps
 * every message it receives, with its QoS and retained flag, for tests to check.
 */
public final class MqttProbe implements AutoCloseable {

    /** One received message. */
    public record Received(String topic, String payload, MqttQoS qos, boolean retained) {

        public JsonObject json() {
            return new JsonObject(payload);
        }
    }

    private final MqttClient client;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final String markerTopic = "fieldmark-probe/" + UUID.randomUUID();

    private MqttProbe(MqttClient client) {
        this.client = client;
    }

    /** Connects to 127.0.0.1:{@code port} and subscribes to {@code filters} with QoS 1. */
    public static MqttProbe subscribe(Vertx vertx, int port, String... filters) {
        return subscribe(vertx, new MqttClientOptions(), port, filters);
    }

    public static MqttProbe subscribe(Vertx vertx, MqttClientOptions options, int port, String... filters) {
        MqttClient client = MqttClient.create(vertx, options.setClientId("probe-" + UUID.randomUUID()));
        MqttProbe probe = new MqttProbe(client);
        client.publishHandler(message -> probe.received.add(new Received(message.topicName(),
                message.payload().toString(StandardCharsets.UTF_8), message.qosLevel(), message.isRetain())));
        LinkedBlockingQueue<Object> subscribed = new LinkedBlockingQueue<>();
        client.subscribeCompletionHandler(ack -> subscribed.add(ack));
        await(client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture());
        List<String> all = new ArrayList<>(List.of(filters));
        all.add(probe.markerTopic);
        Map<String, Integer> topics = all.stream().collect(Collectors.toMap(Function.identity(), f -> 1));
        await(client.subscribe(topics).toCompletionStage().toCompletableFuture());
        try {
            if (subscribed.poll(30, TimeUnit.SECONDS) == null) {
                throw new AssertionError("the broker did not acknowledge the probe's SUBSCRIBE");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return probe;
    }

    /** The next message, waiting up to {@code timeout}; fails when none comes. */
    public Received next(Duration timeout) {
        try {
            Received message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no MQTT message arrived within " + timeout);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next {@code count} messages, in arrival order. */
    public List<Received> next(int count, Duration timeout) {
        List<Received> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(next(timeout));
        }
        return messages;
    }

    /**
     * Everything the broker had queued for this probe before now: publishes a marker to itself
     * (QoS 1) and takes every message that arrives before it. The broker delivers a subscriber's
     * messages in order, so whatever it acknowledged to a publisher earlier comes first. When the
     * broker is gone, just what has arrived.
     */
    public List<Received> flush() {
        if (!client.isConnected()) {
            return drain();
        }
        String marker = UUID.randomUUID().toString();
        client.publish(markerTopic, io.vertx.core.buffer.Buffer.buffer(marker), MqttQoS.AT_LEAST_ONCE, false, false);
        List<Received> messages = new ArrayList<>();
        while (true) {
            Received message = nextOrNull(Duration.ofSeconds(10));
            if (message == null && !client.isConnected()) {
                // The broker went away after the check above (a test killed it): the marker cannot
                // come back, and everything that arrived before is all there is.
                messages.addAll(drain());
                return messages;
            }
            if (message == null) {
                throw new AssertionError("the probe's marker did not come back within 10 s");
            }
            if (message.topic().equals(markerTopic) && message.payload().equals(marker)) {
                return messages;
            }
            messages.add(message);
        }
    }

    private Received nextOrNull(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything that has arrived so far and was not taken yet. */
    public List<Received> drain() {
        List<Received> messages = new ArrayList<>();
        received.drainTo(messages);
        return messages;
    }

    @Override
    public void close() {
        if (client.isConnected()) {
            await(client.disconnect().toCompletionStage().toCompletableFuture());
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("probe: " + e, e);
        }
    }
}
