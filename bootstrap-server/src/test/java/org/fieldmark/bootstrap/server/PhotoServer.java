package org.fieldmark.bootstrap.server;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.fieldmark.adapter.http.testing.ValidatingWebClient;

/**
 * The real server on 127.0.0.1 and a free port, for the photo and species-card tests: a model
 * server stand-in whose answer a test sets, a catalog of three birds with scientific names, the
 * SQLite log and the photo store in the test's folder. {@link #client} holds every exchange to the
 * OpenAPI document; {@link #raw} does not (for requests no document describes, such as {@code ..}).
 */
final class PhotoServer implements AutoCloseable {

    /** Catalog order: Northern Cardinal, House Sparrow, Eurasian Blackbird, background. */
    static final String CARDINAL = "[0.94, 0.03, 0.02, 0.01]";
    static final String SPARROW = "[0.05, 0.80, 0.10, 0.05]";

    final Path work;
    final FieldmarkServer server;
    final Vertx vertx = Vertx.vertx();
    final WebClient client;
    final WebClient raw;
    private final HttpServer model;
    private final AtomicReference<String> answer;

    private PhotoServer(Path work, HttpServer model, AtomicReference<String> answer, List<String> options) {
        this.work = work;
        this.model = model;
        this.answer = answer;
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--folder.watch=false",
                "--folder.path=" + work.resolve("birds"), "--inference=http",
                "--http-model.url=http://127.0.0.1:" + model.getAddress().getPort(),
                "--identification.labels=" + work.resolve("birds.txt"),
                "--sightings.path=" + work.resolve("data").resolve("fieldmark.db")));
        args.addAll(options);
        this.server = FieldmarkServer.start(new ServerConfigLoader(Map.of(), path -> "")
                .load(args.toArray(String[]::new)));
        WebClientOptions local = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port());
        this.raw = WebClient.create(vertx, local);
        this.client = ValidatingWebClient.of(WebClient.create(vertx, local));
    }

    /** Starts a server in {@code work} with the options added (later ones win). */
    static PhotoServer start(Path work, String... options) throws IOException {
        Files.createDirectories(work.resolve("birds"));
        Files.writeString(work.resolve("birds.txt"), "Cardinalis cardinalis (Northern Cardinal)\n"
                + "Passer domesticus (House Sparrow)\nTurdus merula (Eurasian Blackbird)\nbackground\n");
        AtomicReference<String> answer = new AtomicReference<>(CARDINAL);
        HttpServer model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/invocations", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        model.start();
        return new PhotoServer(work, model, answer, List.of(options));
    }

    /** What the model answers from now on. */
    void answer(String probabilities) {
        answer.set(probabilities);
    }

    /** Uploads {@code jpeg} as {@code key}; returns the recorded sighting's id. */
    String upload(String key, byte[] jpeg, String... headers) throws Exception {
        HttpRequest<Buffer> request = client.post("/v1/classify?key=" + key).putHeader("Content-Type", "image/jpeg");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.putHeader(headers[i], headers[i + 1]);
        }
        HttpResponse<Buffer> response = await(request.sendBuffer(Buffer.buffer(jpeg)));
        if (response.statusCode() != 200) {
            throw new AssertionError("upload of " + key + " answered " + response.statusCode() + ": "
                    + response.bodyAsString());
        }
        return response.bodyAsJsonObject().getJsonObject("sighting").getString("id");
    }

    HttpResponse<Buffer> get(String uri, String... headers) throws Exception {
        HttpRequest<Buffer> request = client.get(uri);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.putHeader(headers[i], headers[i + 1]);
        }
        return await(request.send());
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError mismatch) {
                throw mismatch;
            }
            throw e;
        }
    }

    /** A real JPEG of one colour, {@code width} x {@code height}, with a few pixels of {@code seed} to tell copies apart. */
    static byte[] jpeg(int width, int height, Color color, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        image.setRGB(0, 0, seed & 0xFFFFFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The decoded image of JPEG bytes. */
    static BufferedImage decode(byte[] jpeg) throws IOException {
        return ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
    }

    @Override
    public void close() {
        raw.close();
        client.close();
        server.close();
        vertx.close();
        model.stop(0);
    }
}
