package org.fieldmark.adapter.http.out.url;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A web server on 127.0.0.1 serving scripted answers by path, recording what it was asked. */
final class ImageServer implements AutoCloseable {

    /**
     * One answer. {@code declaredLength}: -2 sends the real length, -1 sends chunked, anything else
     * is declared as Content-Length while the real bytes are still sent (the client must stop first).
     */
    record Answer(int status, byte[] body, Map<String, String> headers, long declaredLength, long delayMillis) {

        static Answer image(byte[] body, String contentType) {
            return new Answer(200, body, contentType == null ? Map.of() : Map.of("Content-Type", contentType), -2, 0);
        }

        static Answer status(int status) {
            return new Answer(status, ("status " + status).getBytes(), Map.of("Content-Type", "text/plain"), -2, 0);
        }

        static Answer redirect(int status, String location) {
            return new Answer(status, new byte[0], Map.of("Location", location), -2, 0);
        }
    }

    /** A request as seen: decoded path and the Host header. */
    record Seen(String path, String host) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    ImageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** Serves {@code answer} at {@code path} (decoded, starting with '/'). */
    ImageServer at(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("Host")));
            Answer answer = answers.getOrDefault(path, Answer.status(404));
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            long length = answer.declaredLength() == -2 ? (answer.body().length == 0 ? -1 : answer.body().length)
                    : answer.declaredLength() == -1 ? 0 : answer.declaredLength();
            exchange.sendResponseHeaders(answer.status(), length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (IOException clientWentAway) {
            // The client may refuse a body half-way; that is what some tests check.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
