package org.fieldmark.bootstrap.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API on loopback, as the Lambda service offers it to a runtime:
 * {@code GET /2018-06-01/runtime/invocation/next} hands out queued events (long-polling until
 * there is one), {@code /invocation/{id}/response} and {@code /invocation/{id}/error} take the
 * outcome, {@code /runtime/init/error} takes a failed init. It also keeps the clock readings the
 * Lambda benchmark needs (System.nanoTime): when the runtime first asked for an event (the end of
 * init) and, per invocation, when the event was handed over and when its outcome came back. Public,
 * in this module's test-jar, for the benchmarks module.
 */
public final class FakeLambdaRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /**
     * What the runtime posted for an invocation (or for init), and when: {@code deliveredNanos} when
     * the event was handed over, {@code answeredNanos} when this outcome arrived.
     */
    public record Outcome(boolean error, String errorType, String body, long deliveredNanos, long answeredNanos) {

        /** What Lambda bills as the invocation's duration. */
        public long durationNanos() {
            return answeredNanos - deliveredNanos;
        }
    }

    private record Invocation(String requestId, String event) {
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();

    public FakeLambdaRuntimeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lambda-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an invocation; the future completes when the runtime posts its response or error. */
    public CompletableFuture<Outcome> invoke(String requestId, String event) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(requestId, outcome);
        pending.add(new Invocation(requestId, event));
        return outcome;
    }

    /** The runtime's report of a failed init. */
    public CompletableFuture<Outcome> initError() {
        return initError;
    }

    /** System.nanoTime when the runtime first asked for an event: its init was over. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                firstNext.complete(now);
                Invocation next;
                try {
                    next = pending.poll(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (next == null) {
                    return;
                }
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", next.requestId());
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 120_000));
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:fieldmark");
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                        "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1");
                delivered.put(next.requestId(), System.nanoTime());
                send(exchange, 200, next.event());
            } else if (path.equals("init/error") && exchange.getRequestMethod().equals("POST")) {
                initError.complete(new Outcome(true, errorType, new String(body, StandardCharsets.UTF_8), now, now));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
                CompletableFuture<Outcome> outcome = outcomes.get(id);
                if (outcome == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                long handedOver = delivered.getOrDefault(id, now);
                outcome.complete(new Outcome(path.endsWith("/error"), errorType, new String(body, StandardCharsets.UTF_8),
                        handedOver, now));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"no such path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
