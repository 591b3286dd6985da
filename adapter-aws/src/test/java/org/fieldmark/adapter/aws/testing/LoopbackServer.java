package org.fieldmark.adapter.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A JDK HTTP server on 127.0.0.1 and a free port that speaks one AWS wire protocol, counts the
 * requests it got and fails on command: the next few requests, the next few of a kind, or all of
 * them, until healed.
 */
public abstract class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool;
    private final Queue<Fault> nextFaults = new ConcurrentLinkedQueue<>();
    private final List<Targeted> targetedFaults = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Fault everyFault;

    protected LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        server.createContext("/", this::dispatch);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many requests arrived, failed ones included. */
    public int requestCount() {
        return requests.get();
    }

    /** The next request meets {@code fault}; several calls queue several faults. */
    public void failNext(Fault fault) {
        nextFaults.add(fault);
    }

    /**
     * The next request that {@code which} picks meets {@code fault}; others pass. Several calls
     * queue several faults, met in the order given (e.g. twice for a client that tries twice).
     */
    public void failNextWhere(Predicate<Request> which, Fault fault) {
        synchronized (targetedFaults) {
            targetedFaults.add(new Targeted(which, fault, true));
        }
    }

    /** Every request that {@code which} picks meets {@code fault} until {@link #heal()}; others pass. */
    public void failAlwaysWhere(Predicate<Request> which, Fault fault) {
        synchronized (targetedFaults) {
            targetedFaults.add(new Targeted(which, fault, false));
        }
    }

    /** Faults for the next request of a kind ({@link #failNextWhere}) not met yet. */
    public int pendingFaults() {
        synchronized (targetedFaults) {
            return (int) targetedFaults.stream().filter(Targeted::once).count();
        }
    }

    /** Every request meets {@code fault} until {@link #heal()}. */
    public void failAlways(Fault fault) {
        everyFault = fault;
    }

    public void heal() {
        everyFault = null;
        nextFaults.clear();
        synchronized (targetedFaults) {
            targetedFaults.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** Answers a request that met no fault. */
    protected abstract void answer(HttpExchange exchange, byte[] body) throws IOException;

    /** Answers with {@code fault}'s status and code in the protocol's error shape. */
    protected abstract void answerFault(HttpExchange exchange, Fault fault) throws IOException;

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Fault fault = targeted(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), body));
            if (fault == null) {
                fault = nextFaults.poll();
            }
            if (fault == null) {
                fault = everyFault;
            }
            if (fault != null && !fault.delay().isZero()) {
                try {
                    Thread.sleep(fault.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (fault != null && fault.status() > 0) {
                answerFault(exchange, fault);
            } else {
                answer(exchange, body);
            }
        } catch (IOException | RuntimeException e) {
            // The client may have given up (a timeout test); nothing to answer then.
        }
    }

    private Fault targeted(Request request) {
        synchronized (targetedFaults) {
            for (Iterator<Targeted> it = targetedFaults.iterator(); it.hasNext(); ) {
                Targeted targeted = it.next();
                if (targeted.which().test(request)) {
                    if (targeted.once()) {
                        it.remove();
                    }
                    return targeted.fault();
                }
            }
        }
        return null;
    }

    /**
     * A request as it arrived, for picking which ones fail.
     *
     * @param method   the HTTP method
     * @param rawPath  the path, still percent-encoded
     * @param rawQuery the query string or {@code null}
     * @param body     the body
     */
    public record Request(String method, String rawPath, String rawQuery, byte[] body) {
    }

    private record Targeted(Predicate<Request> which, Fault fault, boolean once) {
    }

    protected static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    protected static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    protected static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
