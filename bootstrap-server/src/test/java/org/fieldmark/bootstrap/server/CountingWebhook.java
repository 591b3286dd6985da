package org.fieldmark.bootstrap.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fieldmark.wire.json.JsonTree;

/**
 * A webhook receiver on 127.0.0.1 that keeps the photo key of every POST, by the server run that
 * sent it: each run of the server is given its own path ({@code /hooks/<run>}), so what a killed
 * run sent is never mistaken for what its successor sent, however late the request is read. It
 * can run an action on a run's n-th POST before answering it (the sender then never learns that
 * it arrived).
 */
final class CountingWebhook implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<Integer, List<String>> keysByRun = new ConcurrentHashMap<>();
    private volatile Trigger trigger;

    private record Trigger(int run, int post, Runnable action) {
    }

    CountingWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/hooks/", this::handle);
        server.start();
    }

    /** The URL the server run {@code run} posts to. */
    String url(int run) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + run;
    }

    /** Runs {@code action} when run {@code run}'s {@code post}-th POST (from 1) has arrived, before answering it. */
    void onPost(int run, int post, Runnable action) {
        trigger = new Trigger(run, post, action);
    }

    /** The photo keys run {@code run} posted, one per POST, in arrival order. */
    List<String> keys(int run) {
        return List.copyOf(keysByRun.getOrDefault(run, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int run = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Object key = ((Map<?, ?>) JsonTree.read(body)).get("key");
            List<String> keys = keysByRun.computeIfAbsent(run, r -> new CopyOnWriteArrayList<>());
            keys.add(String.valueOf(key));
            Trigger now = trigger;
            if (now != null && now.run() == run && now.post() == keys.size()) {
                now.action().run();
            }
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException e) {
            // The sender was killed while waiting for the answer: what arrived is counted already.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
