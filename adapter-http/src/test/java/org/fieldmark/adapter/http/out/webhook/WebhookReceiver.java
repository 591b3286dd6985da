package org.fieldmark.adapter.http.out.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 that checks signatures the way a user's receiver would (its own
 * HMAC, not the adapter's code) and can be told to fail or stall the next deliveries.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(byte[] body, String contentType, String deliveryId, String attempt, String signature,
                    boolean signatureValid, int answered) {

        String message() {
            return new JsonObject(new String(body, StandardCharsets.UTF_8)).getString("message");
        }
    }

    /** A scripted answer: a status, after a stall of {@code delayMillis}. */
    record Answer(int status, long delayMillis) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String secret;
    private final Deque<Answer> script = new ArrayDeque<>();
    private volatile Answer always = new Answer(204, 0);
    final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/hooks/fieldmark", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/fieldmark");
    }

    synchronized WebhookReceiver then(int status) {
        script.add(new Answer(status, 0));
        return this;
    }

    synchronized WebhookReceiver thenStall(long millis) {
        script.add(new Answer(200, millis));
        return this;
    }

    WebhookReceiver always(int status) {
        always = new Answer(status, 0);
        return this;
    }

    /** Every later request is answered {@code status} after {@code millis}. */
    WebhookReceiver alwaysSlowly(int status, long millis) {
        always = new Answer(status, millis);
        return this;
    }

    /** Messages of the deliveries this receiver accepted (answered 2xx with a valid signature). */
    List<String> accepted() {
        return received.stream().filter(r -> r.answered() < 300 && r.signatureValid()).map(Received::message)
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Fieldmark-Signature");
            boolean valid = secret == null ? signature == null : matches(signature, body);
            Answer answer;
            synchronized (this) {
                answer = script.isEmpty() ? always : script.poll();
            }
            int status = valid ? answer.status() : 401;
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Fieldmark-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Fieldmark-Attempt"), signature, valid, status));
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] reply = (status < 300 ? "" : "receiver says " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            if (reply.length > 0) {
                exchange.getResponseBody().write(reply);
            }
        }
    }

    private boolean matches(String header, byte[] body) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    header.substring("sha256=".length()).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
