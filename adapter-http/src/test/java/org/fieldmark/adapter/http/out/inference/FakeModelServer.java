package org.fieldmark.adapter.http.out.inference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A model server on 127.0.0.1 speaking both protocols. It answers each image with probabilities
 * derived from the image bytes, and can be told to fail the next requests in a given way.
 */
final class FakeModelServer implements AutoCloseable {

    /** One scripted answer: status, body, headers, and a delay before answering. */
    record Fault(int status, String body, Map<String, String> headers, long delayMillis) {
        static Fault status(int status, String body) {
            return new Fault(status, body, Map.of(), 0);
        }
    }

    /** What the server saw. */
    record Seen(String method, String path, String contentType, String accept, byte[] body, byte[] image) {
    }

    static final String MODEL = "birds";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile Fault always;
    private volatile String kserveBody;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request gets {@code fault}; later ones the next scripted fault or a normal answer. */
    synchronized FakeModelServer then(Fault fault) {
        faults.add(fault);
        return this;
    }

    /** Every later request gets {@code fault}. */
    FakeModelServer always(Fault fault) {
        this.always = fault;
        return this;
    }

    /** Every later KServe inference gets this 200 body instead of the computed one. */
    FakeModelServer kserveAnswers(String body) {
        this.kserveBody = body;
        return this;
    }

    int requests(String pathPart) {
        return (int) seen.stream().filter(s -> s.path().contains(pathPart)).count();
    }

    /** Four probabilities that depend on the image, so answers are not hard-coded. */
    static double[] probabilitiesFor(byte[] image) {
        int sum = 0;
        for (byte b : image) {
            sum += b & 0xFF;
        }
        double first = (sum % 50) / 100.0;
        double rest = (1.0 - first) / 3.0;
        return new double[] {first, rest, rest, rest};
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            byte[] image = body;
            if (path.endsWith("/infer")) {
                JsonObject input = new JsonObject(new String(body, StandardCharsets.UTF_8))
                        .getJsonArray("inputs").getJsonObject(0);
                if (!input.getString("datatype").equals("BYTES")
                        || !input.getJsonObject("parameters").getString("content_type").equals("base64")) {
                    reply(exchange, 400, "{\"error\":\"expected a base64 BYTES tensor\"}", Map.of());
                    return;
                }
                image = Base64.getDecoder().decode(input.getJsonArray("data").getString(0));
            }
            seen.add(new Seen(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"), body, image));
            Fault fault;
            synchronized (this) {
                fault = faults.poll();
            }
            if (fault == null) {
                fault = always;
            }
            if (fault != null) {
                if (fault.delayMillis() > 0) {
                    try {
                        Thread.sleep(fault.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (fault.status() > 0) {
                    reply(exchange, fault.status(), fault.body(), fault.headers());
                    return;
                }
            }
            switch (path) {
                case "/ping", "/v2/models/" + MODEL + "/ready" -> reply(exchange, 200, "", Map.of());
                case "/invocations" -> reply(exchange, 200, new JsonArray(toList(probabilitiesFor(image))).encode(),
                        Map.of("Content-Type", "application/json"));
                case "/v2/models/" + MODEL + "/infer" -> {
                    String answer = kserveBody != null ? kserveBody : new JsonObject()
                            .put("model_name", MODEL)
                            .put("outputs", new JsonArray()
                                    .add(new JsonObject().put("name", "label").put("datatype", "INT64")
                                            .put("shape", new JsonArray().add(1)).put("data", new JsonArray().add(0)))
                                    .add(new JsonObject().put("name", "probabilities").put("datatype", "FP32")
                                            .put("shape", new JsonArray().add(1).add(4))
                                            .put("data", new JsonArray(toList(probabilitiesFor(image))))))
                            .encode();
                    reply(exchange, 200, answer, Map.of("Content-Type", "application/json"));
                }
                default -> reply(exchange, 404, "{\"error\":\"no route " + path + "\"}", Map.of());
            }
        }
    }

    private static List<Object> toList(double[] values) {
        return java.util.Arrays.stream(values).boxed().map(Object.class::cast).toList();
    }

    private static void reply(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
