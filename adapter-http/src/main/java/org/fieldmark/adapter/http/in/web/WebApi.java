package org.fieldmark.adapter.http.in.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.ClassifyImageCommand;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.port.in.NewObjectEvent;
import org.fieldmark.application.port.in.RecentIdentificationsQuery;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.in.SightingsUseCase;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;

/**
 * The HTTP API that drives {@link IdentifyBirdUseCase}: upload a photo or point at one, get the
 * ranked species back, have people notified. A bootstrap builds it with plain values, mounts
 * {@link #router(Vertx)} on an HTTP server, and on shutdown calls {@link #beginShutdown()} and
 * waits for {@link #drained()}. Identifications run on a worker pool of a known size with a
 * bounded queue, never on the event loop; errors are {@code application/problem+json}.
 */
public final class WebApi {

    /** The review route as the metrics name it (the id varies). */
    static final String REVIEW_ROUTE = "/v1/sightings/{id}/review";
    private static final java.util.regex.Pattern REVIEW_PATH = java.util.regex.Pattern.compile("/v1/sightings/[^/]+/review");
    /** The thumbnail route as the metrics name it. */
    static final String THUMBNAIL_ROUTE = "/v1/sightings/{id}/thumbnail";
    private static final java.util.regex.Pattern THUMBNAIL_PATH =
            java.util.regex.Pattern.compile("/v1/sightings/[^/]+/thumbnail");

    /** Every route this API serves; other paths are 404. */
    static final Set<String> ROUTES = Set.of("/health", "/ready", "/metrics", "/openapi.yaml", "/v1/classify",
            "/v1/identify", "/v1/events/s3", "/v1/identifications", "/v1/sightings", "/v1/sightings.csv",
            "/v1/species", "/v1/stats/hourly", REVIEW_ROUTE, THUMBNAIL_ROUTE);


    /**
     * The browser page's own files (served by {@code WebPage} on the same router): public even with
     * an API key, since they hold no data; the page then asks for the key and sends it on API calls.
     */
    static final Set<String> PAGE_ASSETS = Set.of("/", "/index.html", "/app.js", "/style.css");

    /** Where {@code WebPage} serves the interactive API docs (Swagger UI): files, public like the page's. */
    static final String DOCS = "/docs";

    /**
     * What became of an S3 event record, as {@code POST /v1/events/s3} names it; the answer also
     * counts the records of each outcome under the same names.
     */
    static final List<String> EVENT_OUTCOMES = List.of("identified", "failed", "skipped", "alreadyDone", "inFlight");

    /** Content types {@code POST /v1/classify} takes as a raw body. */
    static final Set<String> RAW_IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/bmp", "application/x-image");

    /** Types a multipart {@code image} part may declare: browsers and curl send octet-stream for unknown files. */
    private static final Set<String> PART_IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/bmp",
            "application/x-image", "application/octet-stream", "");

    private static final String MULTIPART = "multipart/form-data";
    private static final String JSON = "application/json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENAPI_RESOURCE = "openapi.yaml";
    private static final Logger LOG = System.getLogger(WebApi.class.getName());

    private final IdentifyBirdUseCase identify;
    private final IdentifyOnceUseCase events;
    private final IdentifyBirdUseCase urlIdentify;
    private final RecentIdentificationsQuery recent;
    private final SightingsRoutes sightings;
    private final BooleanSupplier readiness;
    private final WebApiSettings settings;
    private final PrometheusMeterRegistry registry;
    private final ApiMetrics metrics;
    private final Problems problems;
    private final InFlight inFlight = new InFlight();
    private final byte[] apiKeyDigest;
    private final byte[] openApi;
    private InferencePool pool;
    /** The uploads directory this API created itself, removed again on {@link #close()}. */
    private Path createdUploads;

    /**
     * @param identify    identifies uploads, {@code {"bucket","key"}} requests and S3 event records
     *                    through the configured storage
     * @param events      identifies S3 event records once per upload, however often S3 or MinIO
     *                    delivers the event; built on {@code identify}
     * @param urlIdentify identifies {@code {"url": ...}} requests through a URL image store;
     *                    {@code null} when URL fetching is not configured (such requests get 501)
     * @param recent      the identifications {@code GET /v1/identifications} lists
     * @param sightings   the bird log: {@code /v1/sightings}, {@code /v1/species}, {@code /v1/stats/hourly}
     * @param readiness   {@code true} when the model and adapters can serve ({@code GET /ready});
     *                    called on a worker thread, so it may block briefly
     * @param settings    limits, pool sizes and the optional API key
     * @param registry    where the API's meters go; {@code GET /metrics} scrapes it
     */
    public WebApi(IdentifyBirdUseCase identify, IdentifyOnceUseCase events, IdentifyBirdUseCase urlIdentify,
                  RecentIdentificationsQuery recent, SightingsUseCase sightings, BooleanSupplier readiness,
                  WebApiSettings settings, PrometheusMeterRegistry registry) {
        this.identify = Objects.requireNonNull(identify, "identify");
        this.events = Objects.requireNonNull(events, "events");
        this.urlIdentify = urlIdentify;
        this.recent = Objects.requireNonNull(recent, "recent");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.metrics = new ApiMetrics(registry);
        this.problems = new Problems(settings.retryAfterSeconds());
        this.sightings = new SightingsRoutes(sightings, problems);
        this.apiKeyDigest = settings.requiresApiKey() ? sha256(settings.apiKey()) : null;
        this.openApi = openApiDocument();
    }

    /**
     * Builds the router and the inference worker pool. Call once per API; mount the router on an
     * HTTP server (or as a sub-router).
     */
    public synchronized Router router(Vertx vertx) {
        if (pool != null) {
            throw new IllegalStateException("router(vertx) was already called for this WebApi");
        }
        pool = new InferencePool(vertx, settings.inferenceThreads(), settings.queueCapacity(), inFlight);
        metrics.gauges(pool::busy, inFlight::count);

        Router router = Router.router(vertx);
        router.route().handler(this::observe);
        router.route().handler(this::admit);

        router.get("/health").handler(ctx -> json(ctx, 200, Map.of("status", "up")));
        router.get("/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
                .end(registry.scrape()));
        router.get("/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml").end(Buffer.buffer(openApi)));
        router.get("/v1/identifications").handler(this::recent);
        router.get("/v1/sightings").handler(sightings::list);
        router.get("/v1/sightings.csv").handler(sightings::csv);
        router.get("/v1/species").handler(sightings::species);
        router.get("/v1/stats/hourly").handler(sightings::hourly);
        router.get("/v1/sightings/:id/thumbnail").handler(sightings::thumbnail);

        BodyHandler images = BodyHandler.create(uploadsDirectory()).setBodyLimit(settings.maxBodyBytes())
                .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false);
        BodyHandler json = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
        // The media type is checked on routes of their own, before any body is read: Vert.x runs
        // body handlers first on a route.
        router.post("/v1/classify").handler(this::requireImageBody);
        router.post("/v1/identify").handler(this::requireJsonBody);
        router.post("/v1/events/s3").handler(this::requireJsonBody);
        router.post("/v1/sightings/:id/review").handler(this::requireJsonBody);
        router.post("/v1/classify").handler(images).handler(this::classify);
        router.post("/v1/identify").handler(json).handler(this::identify);
        router.post("/v1/events/s3").handler(json).handler(this::s3Event);
        router.post("/v1/sightings/:id/review").handler(json).handler(sightings::review);

        router.route().failureHandler(this::failed);
        router.errorHandler(404, ctx -> problems.send(ctx, Rejection.ROUTE_NOT_FOUND,
                "no route " + ctx.request().method() + " " + ctx.request().path() + "; see /openapi.yaml"));
        router.errorHandler(405, ctx -> problems.send(ctx, Rejection.METHOD_NOT_ALLOWED,
                ctx.request().path() + " does not take " + ctx.request().method() + "; see /openapi.yaml"));
        return router;
    }

    /**
     * The loud warning a server should log when it listens on {@code host} without an API key
     * and {@code host} is not a loopback address; empty when there is nothing to warn about.
     * A host name is resolved to decide.
     */
    public static Optional<String> exposureWarning(String host, WebApiSettings settings) {
        if (settings.requiresApiKey()) {
            return Optional.empty();
        }
        boolean loopback;
        try {
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            loopback = InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        return loopback ? Optional.empty() : Optional.of("WARNING: the Fieldmark API listens on " + host
                + " without an API key: anyone who can reach it can identify images and send notifications. "
                + "Set an API key or bind 127.0.0.1.");
    }

    /** From now on new requests (all but {@code /health}) get 503; the ones under way finish. */
    public void beginShutdown() {
        inFlight.beginShutdown();
    }

    /**
     * Completes once {@link #beginShutdown()} was called and no request or identification is
     * under way any more; then the HTTP server can be closed.
     */
    public CompletableFuture<Void> drained() {
        return inFlight.drained().copy();
    }

    /** Releases the inference worker pool and the temporary uploads directory; after {@link #drained()}. */
    public Future<Void> close() {
        InferencePool current;
        Path uploads;
        synchronized (this) {
            current = pool;
            uploads = createdUploads;
        }
        if (uploads != null) {
            try {
                Files.deleteIfExists(uploads);
            } catch (IOException e) {
                // Not empty (an upload still being spooled) or gone: the temporary directory is left behind.
                LOG.log(Level.DEBUG, "uploads directory " + uploads + " not removed: " + e);
            }
        }
        return current == null ? Future.succeededFuture() : current.close();
    }

    private void observe(RoutingContext ctx) {
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        String path = ctx.normalizedPath();
        String route = ROUTES.contains(path) ? path : REVIEW_PATH.matcher(path).matches() ? REVIEW_ROUTE
                : THUMBNAIL_PATH.matcher(path).matches() ? THUMBNAIL_ROUTE : "unmatched";
        ctx.addEndHandler(done -> metrics.request(method, route, ctx.response().getStatusCode(),
                System.nanoTime() - start));
        ctx.next();
    }

    private void admit(RoutingContext ctx) {
        // The router matches the normalised path (dot segments removed, %2e decoded): decide on
        // the same one, or "/docs/%2e%2e/v1/sightings" would pass as a docs file and reach the API.
        String path = ctx.normalizedPath();
        if ("/health".equals(path)) {
            ctx.next();
            return;
        }
        if (!inFlight.enter()) {
            problems.send(ctx, Rejection.SHUTTING_DOWN,
                    "Fieldmark is shutting down; retry later or send the request to another instance");
            return;
        }
        ctx.addEndHandler(done -> inFlight.exit());
        if (apiKeyDigest != null && !"/ready".equals(path) && !isPageFile(path)
                && !authorized(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            problems.send(ctx, Rejection.UNAUTHORIZED,
                    "send the API key as 'Authorization: Bearer <key>'");
            return;
        }
        ctx.next();
    }

    /**
     * The page's files and the docs' files: no data, so open even with an API key (a browser cannot
     * send the key when it navigates); the data they show comes from the API, with the key.
     */
    static boolean isPageFile(String path) {
        return PAGE_ASSETS.contains(path) || path.equals(DOCS) || path.startsWith(DOCS + "/");
    }

    private boolean authorized(String authorization) {
        String scheme = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return false;
        }
        // Digests have one length whatever the token, so the comparison time says nothing about the key.
        return MessageDigest.isEqual(sha256(authorization.substring(scheme.length()).strip()), apiKeyDigest);
    }

    private void ready(RoutingContext ctx) {
        ctx.vertx().executeBlocking(readiness::getAsBoolean, false).onComplete(done -> {
            if (done.succeeded() && Boolean.TRUE.equals(done.result())) {
                json(ctx, 200, Map.of("status", "ready"));
            } else {
                problems.send(ctx, Rejection.NOT_READY, done.succeeded() ? "the model or an adapter is not ready yet"
                        : "checking readiness failed: " + done.cause());
            }
        });
    }

    private void recent(RoutingContext ctx) {
        int limit = Requests.limit(ctx.queryParams(), settings.defaultRecentLimit());
        ctx.vertx().executeBlocking(() -> recent.recent(limit), false)
                .onSuccess(list -> json(ctx, 200,
                        Map.of("identifications", list.stream().map(IdentificationResult::toMap).toList())))
                .onFailure(ctx::fail);
    }

    private void requireImageBody(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String type = Requests.mediaType(header);
        if (RAW_IMAGE_TYPES.contains(type) || MULTIPART.equals(type)) {
            ctx.next();
            return;
        }
        problems.send(ctx, Rejection.UNSUPPORTED_MEDIA_TYPE, "send the image as the body with Content-Type "
                + "image/jpeg, image/png, image/bmp or application/x-image, or as the multipart/form-data field "
                + "'image'; got " + described(header));
    }

    private void requireJsonBody(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String type = Requests.mediaType(header);
        if (JSON.equals(type) || type.endsWith("+json")) {
            ctx.next();
            return;
        }
        problems.send(ctx, Rejection.UNSUPPORTED_MEDIA_TYPE,
                "send a JSON object with Content-Type application/json; got " + described(header));
    }

    private void classify(RoutingContext ctx) {
        MultiMap query = ctx.queryParams();
        RuleOverrides overrides = Requests.overrides(query);
        boolean notify = Requests.flag(query, "notify", false);
        String key = Optional.ofNullable(query.get("key")).orElseGet(() -> "upload-" + UUID.randomUUID());
        Callable<ImageBytes> image;
        if (MULTIPART.equals(Requests.mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))) {
            FileUpload upload = imagePart(ctx);
            if (upload == null) {
                return;
            }
            image = () -> new ImageBytes(Files.readAllBytes(Path.of(upload.uploadedFileName())),
                    upload.contentType());
        } else {
            Buffer body = ctx.body().buffer();
            byte[] bytes = body == null ? new byte[0] : body.getBytes();
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            image = () -> new ImageBytes(bytes, type);
        }
        submit(ctx, () -> identify.classify(new ClassifyImageCommand(key, image.call(), notify, overrides)),
                result -> identified(ctx, result));
    }

    /** The upload's {@code image} part, or {@code null} when a problem was sent instead. */
    private FileUpload imagePart(RoutingContext ctx) {
        List<FileUpload> images = ctx.fileUploads().stream().filter(upload -> "image".equals(upload.name())).toList();
        if (images.size() != 1) {
            throw new InvalidRequestException("a multipart/form-data upload needs exactly one file field 'image', got "
                    + images.size());
        }
        FileUpload upload = images.get(0);
        String type = Requests.mediaType(upload.contentType());
        if (!PART_IMAGE_TYPES.contains(type)) {
            problems.send(ctx, Rejection.UNSUPPORTED_MEDIA_TYPE, "the multipart field 'image' must be image/jpeg, "
                    + "image/png, image/bmp, application/x-image or application/octet-stream; got "
                    + described(upload.contentType()));
            return null;
        }
        return upload;
    }

    private void identify(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx.body().buffer());
        RuleOverrides overrides = Requests.overrides(ctx.queryParams());
        boolean notify = Requests.flag(ctx.queryParams(), "notify", true);
        Optional<String> url = Requests.string(body, "url", "body");
        Optional<String> bucket = Requests.string(body, "bucket", "body");
        Optional<String> key = Requests.string(body, "key", "body");
        IdentifyBirdUseCase useCase;
        ImageReference reference;
        if (url.isPresent()) {
            if (bucket.isPresent() || key.isPresent()) {
                throw new InvalidRequestException("send either {\"bucket\", \"key\"} or {\"url\"}, not both");
            }
            String scheme = url.get().contains(":") ? url.get().substring(0, url.get().indexOf(':')) : "";
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
                throw new InvalidRequestException("\"url\" must be an http or https URL, got '" + url.get() + "'");
            }
            if (urlIdentify == null) {
                problems.send(ctx, Rejection.URL_FETCHING_NOT_CONFIGURED,
                        "this server does not fetch images by URL; configure the URL image store, or send "
                                + "{\"bucket\", \"key\"} or the image itself to /v1/classify");
                return;
            }
            useCase = urlIdentify;
            reference = ImageReference.of(url.get());
        } else {
            String k = key.orElseThrow(() -> new InvalidRequestException(
                    "send {\"bucket\": \"...\", \"key\": \"...\"} or {\"url\": \"...\"}"));
            reference = new ImageReference(bucket.orElse(""), k);
            useCase = identify;
        }
        IdentifyImageCommand command = new IdentifyImageCommand(reference, notify, overrides);
        submit(ctx, () -> useCase.identify(command), result -> identified(ctx, result));
    }

    private void s3Event(RoutingContext ctx) {
        S3Events.Document document = S3Events.parse(Requests.jsonObject(ctx.body().buffer()));
        RuleOverrides overrides = Requests.overrides(ctx.queryParams());
        boolean notify = Requests.flag(ctx.queryParams(), "notify", true);
        List<S3Events.Entry> images = document.entries().stream().filter(entry -> entry.image() != null).toList();
        if (images.isEmpty()) {
            json(ctx, 200, eventResponse(ctx, document, List.of()));
            return;
        }
        submit(ctx, () -> identifyRecords(images, notify, overrides), outcomes -> {
            for (EventOutcome outcome : outcomes) {
                if (outcome.status() == EventOutcome.Status.IDENTIFIED) {
                    metrics.identified(outcome.result());
                }
                outcome.failure().filter(e -> e.code() == ErrorCode.NOTIFICATION_FAILED)
                        .ifPresent(e -> metrics.notificationFailed());
            }
            json(ctx, 200, eventResponse(ctx, document, outcomes));
        });
    }

    /**
     * Identifies each record in turn, once per upload when it notifies. Without notifying nothing
     * happens that a duplicate could repeat, and a record without version, ETag or sequencer
     * cannot be told from a new upload of its key: both are identified every time.
     */
    private List<EventOutcome> identifyRecords(List<S3Events.Entry> entries, boolean notify, RuleOverrides overrides) {
        List<EventOutcome> outcomes = new ArrayList<>(entries.size());
        for (S3Events.Entry entry : entries) {
            NewObjectEvent event = new NewObjectEvent(entry.image(), entry.version(), entry.sequencer());
            if (notify && entry.identifiesItsUpload()) {
                outcomes.add(events.identifyOnce(event, overrides));
                continue;
            }
            try {
                outcomes.add(EventOutcome.identified(event,
                        identify.identify(new IdentifyImageCommand(entry.image(), notify, overrides))));
            } catch (FieldmarkException e) {
                // Logged by the use case where it happened; the answer reports it with the record.
                outcomes.add(EventOutcome.failed(event, e));
            }
        }
        return outcomes;
    }

    private static Map<String, Object> eventResponse(RoutingContext ctx, S3Events.Document document,
                                                     List<EventOutcome> outcomes) {
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        EVENT_OUTCOMES.forEach(outcome -> counts.put(outcome, 0));
        int next = 0;
        for (S3Events.Entry entry : document.entries()) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("bucket", entry.bucket());
            record.put("key", entry.image() != null ? entry.image().key() : entry.encodedKey());
            record.put("eventName", entry.eventName());
            if (entry.image() != null) {
                EventOutcome outcome = outcomes.get(next++);
                switch (outcome.status()) {
                    case IDENTIFIED -> {
                        record.put("outcome", "identified");
                        record.put("identification", outcome.result().toMap());
                    }
                    case ALREADY_DONE -> {
                        record.put("outcome", "alreadyDone");
                        record.put("detail", "an earlier delivery of this upload was identified and notified; "
                                + "nothing done");
                    }
                    case IN_FLIGHT -> {
                        record.put("outcome", "inFlight");
                        record.put("detail", "another delivery of this upload is being identified; nothing done");
                    }
                    case FAILED -> {
                        record.put("outcome", "failed");
                        record.put("problem", Problems.body(outcome.error(), ctx.request().path()));
                    }
                }
            } else if (entry.invalid() != null) {
                record.put("outcome", "failed");
                record.put("problem", Problems.body(entry.invalid(), ctx.request().path()));
            } else {
                record.put("outcome", "skipped");
            }
            counts.merge((String) record.get("outcome"), 1, Integer::sum);
            records.add(record);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("testEvent", document.testEvent());
        body.putAll(counts);
        body.put("records", records);
        return body;
    }

    private void identified(RoutingContext ctx, IdentificationResult result) {
        metrics.identified(result);
        json(ctx, 200, result.toMap());
    }

    /** Runs use-case work on the inference pool, or answers 503 at once when the pool is full. */
    private <T> void submit(RoutingContext ctx, Callable<T> task, Consumer<T> onSuccess) {
        Optional<Future<T>> running = pool.trySubmit(task);
        if (running.isEmpty()) {
            metrics.overloaded();
            problems.send(ctx, Rejection.OVERLOADED, "all " + settings.inferenceThreads()
                    + " inference workers are busy and " + settings.queueCapacity()
                    + " requests are waiting; retry later");
            return;
        }
        running.get().onSuccess(onSuccess::accept).onFailure(ctx::fail);
    }

    private void failed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof FieldmarkException e) {
            if (e.code() == ErrorCode.NOTIFICATION_FAILED) {
                metrics.notificationFailed();
            }
            problems.send(ctx, e);
        } else if (ctx.statusCode() == 413) {
            problems.send(ctx, Rejection.BODY_TOO_LARGE, "the request body is above the limit of "
                    + settings.maxBodyBytes() + " bytes");
        } else if (ctx.statusCode() == 400) {
            problems.send(ctx, new InvalidRequestException("the request body could not be read"
                    + (failure == null ? "" : ": " + failure.getMessage())));
        } else {
            LOG.log(Level.ERROR, "unexpected failure serving " + ctx.request().method() + " " + ctx.request().path(),
                    failure);
            problems.send(ctx, Rejection.INTERNAL_ERROR, "unexpected error; see the server log");
        }
    }

    private static void json(RoutingContext ctx, int status, Map<String, Object> body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(new JsonObject(body).encode());
    }

    private static String described(String contentType) {
        return contentType == null || contentType.isBlank() ? "no Content-Type" : "'" + contentType + "'";
    }

    private String uploadsDirectory() {
        try {
            if (settings.uploadsDirectory() != null) {
                return Files.createDirectories(settings.uploadsDirectory()).toString();
            }
            createdUploads = Files.createTempDirectory("fieldmark-uploads");
            return createdUploads.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the uploads directory: " + e.getMessage(), e);
        }
    }

    private static byte[] openApiDocument() {
        try (InputStream in = WebApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
