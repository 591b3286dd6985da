package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.fieldmark.adapter.http.in.page.WebPage;
import org.fieldmark.adapter.http.testing.ValidatingWebClient;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.service.IdentifyOnceService;
import org.fieldmark.application.service.NewObjectsService;
import org.fieldmark.application.service.RecentIdentifications;
import org.fieldmark.application.service.SightingsService;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SpeciesNames;

/**
 * The web API on a real listening server on 127.0.0.1 and a free port, wired to the real
 * identification service with the application's in-memory fakes. Its {@link #client} holds every
 * request and answer to the OpenAPI document, so every API test checks the document too. The service's clock stands
 * still, so every timing in the answers is 0.0 and answers can be compared exactly.
 */
final class ApiFixture implements AutoCloseable {

    /** Workshop-4 order: Purple Martin, Northern Cardinal, American Goldfinch, Eastern Bluebird. */
    static final double[] CARDINAL = {0.02, 0.94, 0.03, 0.01};
    static final double[] UNSURE = {0.55, 0.10, 0.05, 0.30};
    static final long MAX_IMAGE_BYTES = 64 * 1024;

    /** The bird log's "now": 1 May 2026, 20:00 in Berlin. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T18:00:00Z"), ZoneId.of("Europe/Berlin"));
    static final SpeciesCatalog BIRDS = SpeciesCatalog.fromLines("test-birds", List.of(
            "Passer domesticus (House Sparrow)", "Cardinalis cardinalis (Northern Cardinal)",
            "Turdus merula (Eurasian Blackbird)", "background"));

    final InMemorySightingRepository birdLog = new InMemorySightingRepository();
    /** The bird log's outbox: what became of telling each channel about each sighting. */
    final InMemoryOutbox outbox = new InMemoryOutbox(birdLog);
    final SightingsService sightings = new SightingsService(birdLog, outbox, SpeciesNames.of(BIRDS), CLOCK);
    final InMemoryImageStorage storage = new InMemoryImageStorage();
    final InMemoryImageStorage urlStorage = new InMemoryImageStorage();
    final RecordingNotifier notifier = new RecordingNotifier();
    final RecentIdentifications recent = new RecentIdentifications(1000);
    final RecordingLogger log = new RecordingLogger();
    /** Which S3 event deliveries were claimed: the server's in-memory idempotency. */
    final InMemoryIdempotency claims = new InMemoryIdempotency(Duration.ofMinutes(15));
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicBoolean ready = new AtomicBoolean(true);
    final ScriptedInference model;
    final WebApi api;
    final WebClient client;
    private final HttpServer server;
    private volatile Function<ImageBytes, double[]> answers = image -> CARDINAL.clone();

    private ApiFixture(Vertx vertx, WebApiSettings settings, boolean urlFetching, boolean page) throws Exception {
        model = new ScriptedInference("scripted-model", image -> answers.apply(image));
        IdentificationSettings identification = new IdentificationSettings(SpeciesCatalog.WORKSHOP_4,
                IdentificationRules.DEFAULT, MAX_IMAGE_BYTES, false);
        IdentifyBirdService service = IdentifyBirdService.builder(storage, model, notifier, identification)
                .recent(recent).log(log).nanoTime(() -> 0L).outbox(new InMemoryOutbox()).build();
        IdentifyBirdService urlService = IdentifyBirdService.builder(urlStorage, model, notifier, identification)
                .recent(recent).log(log).nanoTime(() -> 0L).outbox(new InMemoryOutbox()).build();
        WebApi.Builder builder = WebApi.builder().identification(service)
                .events(new NewObjectsService(service, new IdentifyOnceService(service, claims, log))).recent(recent).sightings(sightings)
                .readiness(ready::get).settings(settings).registry(registry);
        if (urlFetching) {
            builder.urlIdentification(urlService);
        }
        api = builder.build();
        Router router = api.router(vertx);
        if (page) {
            new WebPage(null, Optional.empty()).mount(vertx, router);
        }
        server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(router).listen());
        client = ValidatingWebClient.of(WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()), new PoolOptions().setHttp1MaxSize(64)));
    }

    static ApiFixture start(Vertx vertx) throws Exception {
        return new ApiFixture(vertx, settings(), true, false);
    }

    static ApiFixture start(Vertx vertx, WebApiSettings settings, boolean urlFetching) throws Exception {
        return new ApiFixture(vertx, settings, urlFetching, false);
    }

    /** As the server mounts it: the browser page and the docs ({@code WebPage}) on the API's router. */
    static ApiFixture startWithPage(Vertx vertx, WebApiSettings settings) throws Exception {
        return new ApiFixture(vertx, settings, true, true);
    }

    /** The listening port, for a client that is not held to the OpenAPI document (the page's files). */
    int port() {
        return server.actualPort();
    }

    /** Defaults, with a body limit small enough to test cheaply. */
    static WebApiSettings settings() {
        return WebApiSettings.defaults().withMaxBodyBytes(128 * 1024).withInferencePool(2, 4);
    }

    /** Records a confident sighting from the camera "feeder". */
    Sighting record(String id, String time, String scientificName, String displayName) {
        Sighting sighting = new Sighting(id, Instant.parse(time), "birds/" + id + ".jpg", "feeder", scientificName,
                displayName, 0.9, true, false, "recorded", null);
        birdLog.save(sighting);
        return sighting;
    }

    /** What the model answers from now on; may throw to simulate a failing model. */
    void answer(Function<ImageBytes, double[]> answers) {
        this.answers = answers;
    }

    HttpRequest<Buffer> post(String uri) {
        return client.post(uri);
    }

    HttpRequest<Buffer> get(String uri) {
        return client.get(uri);
    }

    /**
     * Sends and waits. Like every request of {@link #client}, the exchange is checked against the
     * OpenAPI document ({@link ValidatingWebClient}) before the answer is handed back.
     */
    static HttpResponse<Buffer> send(HttpRequest<Buffer> request, Buffer body) throws Exception {
        return await(body == null ? request.send() : request.sendBuffer(body));
    }

    static HttpResponse<Buffer> send(HttpRequest<Buffer> request) throws Exception {
        return send(request, null);
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError mismatch) {
                throw mismatch; // the answer does not match the OpenAPI document: say so, not "execution failed"
            }
            throw e;
        }
    }

    /** The problem document of an error answer, after checking its media type. */
    static io.vertx.core.json.JsonObject problem(HttpResponse<Buffer> response) {
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        return response.bodyAsJsonObject();
    }

    @Override
    public void close() {
        client.close();
        try {
            await(server.close());
            await(api.close());
        } catch (Exception e) {
            throw new IllegalStateException("closing the test server failed", e);
        }
    }
}
