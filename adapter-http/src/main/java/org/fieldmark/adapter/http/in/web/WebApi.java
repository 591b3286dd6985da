package org.fieldmark.adapter.http.in.web;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.fieldmark.adapter.http.in.web.RouteTable.Access.ALWAYS;
import static org.fieldmark.adapter.http.in.web.RouteTable.Access.KEY;
import static org.fieldmark.adapter.http.in.web.RouteTable.Access.OPEN;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.fieldmark.adapter.http.in.web.RouteTable.Operation;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.application.port.in.RecentIdentificationsQuery;
import org.fieldmark.application.port.in.SightingPhotosUseCase;
import org.fieldmark.application.port.in.SightingsUseCase;
import org.fieldmark.application.port.in.SpeciesCardUseCase;

/**
 * The HTTP API that drives {@link IdentifyBirdUseCase}: upload a photo or point at one, get the
 * ranked species back, have people notified. A bootstrap builds it with {@link #builder()},
 * mounts {@link #router(Vertx)} on an HTTP server, and on shutdown calls {@link #beginShutdown()}
 * and waits for {@link #drained()}. Identifications run on a worker pool of a known size with a
 * bounded queue, never on the event loop; errors are {@code application/problem+json}.
 * Its operations are declared once, in {@link #routes}; each group of them is served by a class
 * of its own.
 */
public final class WebApi {

    private static final Logger LOG = System.getLogger(WebApi.class.getName());

    /** The use cases the API drives; {@code urlIdentify} is empty when URL fetching is not configured. */
    record UseCases(IdentifyBirdUseCase identify, NewObjectsUseCase events, Optional<IdentifyBirdUseCase> urlIdentify,
                    RecentIdentificationsQuery recent, SightingsUseCase sightings, SightingPhotosUseCase photos,
                    SpeciesCardUseCase cards) {
    }

    private final UseCases useCases;
    private final BooleanSupplier readiness;
    private final WebApiSettings settings;
    private final PrometheusMeterRegistry registry;
    private final ApiMetrics metrics;
    private final Problems problems;
    private final InFlight inFlight = new InFlight();
    private InferencePool pool;
    private RouteTable routes;
    /** The uploads directory this API created itself, removed again on {@link #close()}. */
    private Path createdUploads;

    private WebApi(Builder builder) {
        this.useCases = new UseCases(required(builder.identify, "identification"), required(builder.events, "events"),
                Optional.ofNullable(builder.urlIdentify), required(builder.recent, "recent"),
                required(builder.sightings, "sightings"), builder.photos, builder.cards);
        this.readiness = builder.readiness;
        this.settings = builder.settings;
        this.registry = builder.registry != null ? builder.registry
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new ApiMetrics(registry);
        this.problems = new Problems(settings.retryAfterSeconds());
    }

    /** Starts a builder; the identification, event, recent and sightings use cases are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds the router and the inference worker pool. Call once per API; mount the router on an
     * HTTP server (or as a sub-router).
     */
    public synchronized Router router(Vertx vertx) {
        if (pool != null) {
            throw new IllegalStateException("router(vertx) was already called for this WebApi");
        }
        pool = new InferencePool(vertx, settings.inferenceThreads(), settings.queueCapacity(), inFlight, metrics,
                problems);
        metrics.gauges(pool::busy, inFlight::count);
        routes = routes();
        Admission admission = new Admission(routes, inFlight, problems, settings.apiKey());
        Unhandled unhandled = new Unhandled(routes, problems, metrics, settings.maxBodyBytes());

        Router router = Router.router(vertx);
        router.route().handler(this::observe);
        router.route().handler(admission::admit);
        routes.mount(router);
        router.route().failureHandler(unhandled::failed);
        router.errorHandler(404, unhandled::unrouted);
        router.errorHandler(405, unhandled::unrouted);
        return router;
    }

    /**
     * Every operation of the API, in openapi.yaml's words. {@code GET /v1/images} and
     * {@code GET /v1/intake} are served by {@code WebPage} on the same router, so it is listed (for the API key and for 405) but not mounted.
     */
    private RouteTable routes() {
        StatusRoutes status = new StatusRoutes(readiness, registry, problems);
        IdentifyRoutes identify = new IdentifyRoutes(useCases, settings.defaultRecentLimit(), pool, metrics, problems);
        S3EventRoutes events = new S3EventRoutes(useCases.events(), pool, metrics);
        SightingsRoutes sightings = new SightingsRoutes(useCases.sightings(), problems);
        PhotoRoutes photos = new PhotoRoutes(useCases.photos(), problems);
        SpeciesCardRoutes cards = new SpeciesCardRoutes(useCases.cards(), sightings, problems);
        BodyGuards guards = new BodyGuards(problems);
        BodyHandler images = BodyHandler.create(uploadsDirectory()).setBodyLimit(settings.maxBodyBytes())
                .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false);
        BodyHandler json = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
        return new RouteTable(List.of(
                Operation.of(GET, "/health", ALWAYS, status::health),
                Operation.of(GET, "/ready", OPEN, status::ready),
                Operation.of(GET, "/metrics", KEY, status::metrics),
                Operation.of(GET, "/openapi.yaml", KEY, status::openApi),
                Operation.withBody(POST, "/v1/classify", guards::image, images, identify::classify),
                Operation.withBody(POST, "/v1/identify", guards::json, json, identify::identify),
                Operation.withBody(POST, "/v1/events/s3", guards::json, json, events::s3Event),
                Operation.of(GET, "/v1/identifications", KEY, identify::recent),
                Operation.of(GET, "/v1/sightings", KEY, sightings::list),
                Operation.of(GET, "/v1/sightings.csv", KEY, sightings::csv),
                Operation.of(GET, "/v1/sightings/{id}", KEY, sightings::sighting),
                Operation.of(GET, "/v1/species", KEY, sightings::species),
                Operation.of(GET, "/v1/stats/hourly", KEY, sightings::hourly),
                Operation.withBody(POST, "/v1/sightings/{id}/review", guards::json, json, sightings::review),
                Operation.of(GET, "/v1/sightings/{id}/thumbnail", KEY, sightings::thumbnail),
                Operation.of(GET, "/v1/sightings/{id}/photo", KEY, photos::photo),
                Operation.of(GET, "/v1/sightings/{id}/preview", KEY, photos::preview),
                Operation.of(GET, "/v1/species/{scientificName}", KEY, cards::card),
                Operation.withBody(PUT, "/v1/species/{scientificName}/best", guards::json, json, cards::pin),
                Operation.of(DELETE, "/v1/species/{scientificName}/best", KEY, cards::unpin),
                Operation.mountedElsewhere(GET, "/v1/images"),
                Operation.mountedElsewhere(GET, "/v1/intake")));
    }

    /** The operations of {@link #router(Vertx)}; empty before it was called. */
    synchronized List<Operation> operations() {
        return routes == null ? List.of() : routes.operations();
    }

    /** Times every request for the metrics, named by its declared path ({@code unmatched} for others). */
    private void observe(RoutingContext ctx) {
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        String route = routes.pathOf(ctx.normalizedPath()).orElse("unmatched");
        ctx.addEndHandler(done -> metrics.request(method, route, ctx.response().getStatusCode(),
                System.nanoTime() - start));
        ctx.next();
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

    private static <T> T required(T value, String builderMethod) {
        return Objects.requireNonNull(value, () -> "WebApi.builder()." + builderMethod + "(...) was not called");
    }

    /**
     * What a {@link WebApi} is made of. Required: {@link #identification}, {@link #events},
     * {@link #recent}, {@link #sightings}. Optional: {@link #urlIdentification} (without it
     * {@code {"url": ...}} requests get 501), {@link #readiness} (default: always ready),
     * {@link #settings} (default {@link WebApiSettings#defaults()}), {@link #registry} (default: a
     * registry of its own).
     */
    public static final class Builder {

        private IdentifyBirdUseCase identify;
        private NewObjectsUseCase events;
        private IdentifyBirdUseCase urlIdentify;
        private RecentIdentificationsQuery recent;
        private SightingsUseCase sightings;
        private SightingPhotosUseCase photos = NoPhotos.INSTANCE;
        private SpeciesCardUseCase cards = NoPhotos.INSTANCE;
        private BooleanSupplier readiness = () -> true;
        private WebApiSettings settings = WebApiSettings.defaults();
        private PrometheusMeterRegistry registry;

        private Builder() {
        }

        /** Identifies uploads, {@code {"bucket","key"}} requests and S3 event records through the configured storage. */
        public Builder identification(IdentifyBirdUseCase useCase) {
            this.identify = Objects.requireNonNull(useCase, "useCase");
            return this;
        }

        /** Identifies S3 event records, once per upload however often S3 or MinIO delivers the event when it notifies. */
        public Builder events(NewObjectsUseCase useCase) {
            this.events = Objects.requireNonNull(useCase, "useCase");
            return this;
        }

        /** Identifies {@code {"url": ...}} requests through a URL image store. */
        public Builder urlIdentification(IdentifyBirdUseCase useCase) {
            this.urlIdentify = Objects.requireNonNull(useCase, "useCase");
            return this;
        }

        /** The identifications {@code GET /v1/identifications} lists. */
        public Builder recent(RecentIdentificationsQuery query) {
            this.recent = Objects.requireNonNull(query, "query");
            return this;
        }

        /** The bird log: {@code /v1/sightings}, {@code /v1/species}, {@code /v1/stats/hourly}. */
        public Builder sightings(SightingsUseCase useCase) {
            this.sightings = Objects.requireNonNull(useCase, "useCase");
            return this;
        }

        /** Sightings' photos and previews: {@code /v1/sightings/{id}/photo} and {@code /preview} (default: none). */
        public Builder photos(SightingPhotosUseCase useCase) {
            this.photos = Objects.requireNonNull(useCase, "useCase");
            return this;
        }

        /** Species cards and their pinned best photos: {@code /v1/species/{scientificName}} (default: no species). */
        public Builder speciesCards(SpeciesCardUseCase useCase) {
            this.cards = Objects.requireNonNull(useCase, "useCase");
            return this;
        }

        /** {@code true} when the model and adapters can serve ({@code GET /ready}); called on a worker thread. */
        public Builder readiness(BooleanSupplier readiness) {
            this.readiness = Objects.requireNonNull(readiness, "readiness");
            return this;
        }

        /** Limits, pool sizes and the optional API key. */
        public Builder settings(WebApiSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Where the API's meters go; {@code GET /metrics} scrapes it. */
        public Builder registry(PrometheusMeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public WebApi build() {
            return new WebApi(this);
        }
    }
}
