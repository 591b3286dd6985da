package org.fieldmark.adapter.http.in.serving;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.service.ClassifyBatchService;
import org.fieldmark.application.service.ServingSettings;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.CatalogProjection;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.wire.json.JsonTree;

/**
 * The model server on a real listening socket (127.0.0.1, a free port) over the real batch
 * service and a scripted model of {@link #MODEL}'s five classes, whose answer depends on the
 * image's size; requests go through the JDK's HTTP client.
 */
final class ServingFixture implements AutoCloseable {

    static final String NAME = "birds";
    static final long MAX_BODY = 64 * 1024;
    static final int MAX_IMAGE = 16 * 1024;
    static final int MAX_BATCH = 4;

    /** The model's own catalog: the workshop's species in another order, an owl and background. */
    static final SpeciesCatalog MODEL = SpeciesCatalog.fromLines("five", List.of(
            "Sialia sialis (Eastern Bluebird)", "Cardinalis cardinalis (Northern Cardinal)",
            "Spinus tristis (American Goldfinch)", "Progne subis (Purple Martin)", "background"));

    /** What the scripted model answers for an image of {@code size} bytes. */
    static double[] answer(int size) {
        double top = size / 10_000.0;
        return new double[] {top, (1 - top) / 2, (1 - top) / 4, (1 - top) / 8, (1 - top) / 8};
    }

    final AtomicBoolean ready = new AtomicBoolean(true);
    final ScriptedInference model;
    private final Vertx vertx = Vertx.vertx();
    private final ModelServingApi api;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    ServingFixture() {
        this(MODEL, null, 2, 8, image -> answer(image.length()));
    }

    ServingFixture(SpeciesCatalog served, String apiKey, int workers, int queue, Function<ImageBytes, double[]> answers) {
        model = new ScriptedInference("five-model", answers);
        ClassifyBatchService service = new ClassifyBatchService(model,
                new ServingSettings(CatalogProjection.between(MODEL, served), MAX_IMAGE, MAX_BATCH));
        api = new ModelServingApi(service, new ModelServingSettings(NAME, MAX_BODY, workers, queue, apiKey),
                ready::get);
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(api.router(vertx)).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    URI base() {
        return uri("");
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> postJson(String path, String json, String... headers) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON answer's object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        return (Map<String, Object>) JsonTree.read(response.body());
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            api.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
