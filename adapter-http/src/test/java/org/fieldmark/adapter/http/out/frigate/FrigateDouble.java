package org.fieldmark.adapter.http.out.frigate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Frigate's API on 127.0.0.1 and a free port: event snapshots
 * ({@code GET <prefix>/api/events/<id>/snapshot.jpg}) and sub labels
 * ({@code POST <prefix>/api/events/<id>/sub_label}), answered as Frigate does (404 for an unknown
 * event), with a token it can require and failures it can be told to give. For this module's tests
 * and, through the test-jar, the server's.
 */
public final class FrigateDouble implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String query, String authorization, String cookie,
                          String body) {
    }

    private static final Pattern EVENT = Pattern.compile(".*/api/events/([^/]+)/(snapshot\\.jpg|sub_label)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, byte[]> snapshots = new ConcurrentHashMap<>();
    private final Map<String, String> contentTypes = new ConcurrentHashMap<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String token;
    private volatile Integer always;

    public FrigateDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves {@code jpeg} as the snapshot of {@code eventId} from now on. */
    public FrigateDouble snapshot(String eventId, byte[] jpeg) {
        return snapshot(eventId, jpeg, "image/jpeg");
    }

    public FrigateDouble snapshot(String eventId, byte[] bytes, String contentType) {
        snapshots.put(eventId, bytes);
        contentTypes.put(eventId, contentType);
        return this;
    }

    /** Answers requests without {@code Authorization: Bearer <token>} with 401. */
    public FrigateDouble requireToken(String value) {
        this.token = value;
        return this;
    }

    /** Answers the next {@code times} requests with {@code status}. */
    public synchronized FrigateDouble failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(status);
        }
        return this;
    }

    /** Answers every request with {@code status} until {@link #heal()}. */
    public FrigateDouble failAlways(int status) {
        this.always = status;
        return this;
    }

    public synchronized FrigateDouble heal() {
        always = null;
        failures.clear();
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The bodies of the sub labels written, in order. */
    public List<String> subLabels() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/sub_label"))
                .map(Request::body).toList();
    }

    private synchronized Integer scriptedFailure() {
        return always != null ? always : failures.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            requests.add(new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Cookie"), body));
            Integer failure = scriptedFailure();
            if (failure != null) {
                answer(exchange, failure, "application/json", "{\"success\":false,\"message\":\"scripted\"}");
                return;
            }
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "text/plain", "Unauthorized");
                return;
            }
            Matcher matcher = EVENT.matcher(uri.getRawPath());
            String id = matcher.matches() ? URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8) : null;
            if (id == null || !snapshots.containsKey(id)) {
                answer(exchange, 404, "application/json", "{\"success\":false,\"message\":\"Event not found\"}");
            } else if (matcher.group(2).equals("sub_label") && exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 200, "application/json", "{\"success\":true,\"message\":\"Event " + id
                        + " sub label set\"}");
            } else {
                byte[] bytes = snapshots.get(id);
                exchange.getResponseHeaders().add("Content-Type", contentTypes.get(id));
                exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
