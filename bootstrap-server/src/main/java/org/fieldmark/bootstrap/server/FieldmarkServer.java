package org.fieldmark.bootstrap.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.http.in.page.WebPage;
import org.fieldmark.adapter.http.in.web.WebApi;
import org.fieldmark.adapter.http.in.web.WebApiSettings;
import org.fieldmark.adapter.local.folder.FolderWatcher;
import org.fieldmark.adapter.mqtt.FrigateEventSource;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.configuration.ServerConfig;

/**
 * The standalone server: reads its configuration, wires the adapters it names with plain
 * constructors, serves the web API and page, and watches the local folder. On its embedded
 * defaults it needs nothing but a JDK: the bundled bird model, {@code ./birds} as the bucket and
 * log notifications.
 */
public final class FieldmarkServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(FieldmarkServer.class.getName());
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final ServerWiring wiring;
    private final Vertx vertx;
    private final WebApi api;
    private final HttpServer http;
    private final FolderWatcher watcher;
    private final DigestScheduler digest;
    private final DeliveryTimer deliveries;
    private final FrigateEventSource frigate;

    private FieldmarkServer(ServerWiring wiring, Vertx vertx, WebApi api, HttpServer http, FolderWatcher watcher,
                            DigestScheduler digest, DeliveryTimer deliveries, FrigateEventSource frigate) {
        this.frigate = frigate;
        this.digest = digest;
        this.deliveries = deliveries;
        this.wiring = wiring;
        this.vertx = vertx;
        this.api = api;
        this.http = http;
        this.watcher = watcher;
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // One line per record: the time, the level and our JSON line.
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %5$s%6$s%n");
        }
        if (FieldmarkModelServer.isCommand(args)) {
            FieldmarkModelServer.main(args);
            return;
        }
        if (args.length > 0 && args[0].equals(IdentifyCommand.NAME)) {
            // A command, not a server: only warnings of the libraries below reach the user's terminal.
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            System.exit(IdentifyCli.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out,
                    System.err, System.console() != null));
            return;
        }
        if (ServerConfigLoader.wantsHelp(args)) {
            System.out.print(ServerConfigLoader.help());
            return;
        }
        FieldmarkServer server;
        try {
            server = start(ServerConfigLoader.withEnvironment(System.getenv()).load(args));
        } catch (ConfigurationInvalidException e) {
            System.err.println("Fieldmark cannot start: " + e.getMessage());
            System.err.println("Run with --help to see every option.");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fieldmark-shutdown"));
    }

    /**
     * Wires everything and starts listening; returns once the server accepts requests.
     *
     * @throws ConfigurationInvalidException when an adapter cannot be built from the configuration
     */
    static FieldmarkServer start(ServerConfig config) {
        Vertx vertx = Vertx.vertx();
        ServerWiring wiring;
        try {
            wiring = ServerWiring.from(config, vertx);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            OutboxPort outbox = wiring.outbox();
            Gauge.builder("fieldmark.deliveries.pending", () -> outbox.counts().pending())
                    .description("Notifications a channel has not taken yet (retried with backoff)").register(registry);
            Gauge.builder("fieldmark.deliveries.failed", () -> outbox.counts().failed())
                    .description("Notifications a channel never took (out of attempts or refused)").register(registry);
            ServerConfig.Http httpConfig = config.http();
            WebApiSettings settings = WebApiSettings.defaults()
                    .withMaxBodyBytes(httpConfig.maxBodyBytes())
                    .withInferencePool(httpConfig.workers(), httpConfig.queueCapacity())
                    .withApiKey(httpConfig.apiKey());
            WebApi api = webApi(wiring, settings, registry);
            Router router = api.router(vertx);
            new WebPage(wiring.folderStorage(), watchedFolder(config)).mount(vertx, router);
            WebApi.exposureWarning(httpConfig.host(), settings).ifPresent(warning -> LOG.log(Level.WARNING, warning));
            HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost(httpConfig.host())
                            .setPort(httpConfig.port()))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            FolderWatcher watcher = null;
            if (config.storage().kind() == ServerConfig.StorageKind.FOLDER && config.storage().watch()) {
                watcher = new FolderWatcher(config.storage().folder(), config.storage().stateFile(),
                        config.storage().pollInterval(), config.storage().stabilityDelay(),
                        reference -> wiring.useCase().identify(IdentifyImageCommand.notifying(reference)));
                watcher.start();
            }
            DigestScheduler digest = null;
            if (wiring.digests() != null && config.birdLog().digestTime() != null) {
                digest = new DigestScheduler(vertx, Clock.systemUTC(), config.birdLog().zone(),
                        config.birdLog().digestTime(), wiring.digests()).start();
            }
            DeliveryTimer deliveries = new DeliveryTimer(wiring.deliveries(), DeliveryTimer.PERIOD);
            FrigateEventSource frigate = wiring.frigate() == null ? null
                    : FrigateWiring.listen(vertx, config, wiring.frigate(), registry);
            LOG.log(Level.INFO, "Fieldmark listening on http://" + hostForUrl(httpConfig.host()) + ":"
                    + http.actualPort() + "/ (" + wiring.describe() + ")");
            return new FieldmarkServer(wiring, vertx, api, http, watcher, digest, deliveries, frigate);
        } catch (FieldmarkException e) {
            vertx.close();
            wiring.close();
            throw e;
        } catch (Exception e) {
            vertx.close();
            wiring.close();
            throw new ConfigurationInvalidException(java.util.List.of("the server could not start on "
                    + config.http().host() + ":" + config.http().port() + ": " + e.getMessage()));
        }
    }

    /** The HTTP API over the wired use cases. */
    private static WebApi webApi(ServerWiring wiring, WebApiSettings settings, PrometheusMeterRegistry registry) {
        WebApi.Builder api = WebApi.builder().identification(wiring.useCase()).events(wiring.eventUseCase())
                .recent(wiring.recent()).sightings(wiring.sightings()).readiness(wiring::ready)
                .photos(wiring.photos()).speciesCards(wiring.speciesCards())
                .settings(settings).registry(registry);
        if (wiring.urlUseCase() != null) {
            api.urlIdentification(wiring.urlUseCase());
        }
        return api.build();
    }

    /** The bird log the server keeps (tests seed it). */
    SightingRepository sightingRepository() {
        return wiring.sightingRepository();
    }

    /** The outbox of photos and their deliveries (tests read it). */
    OutboxPort outbox() {
        return wiring.outbox();
    }

    /** The port the server listens on (useful when configured as 0). */
    int port() {
        return http.actualPort();
    }

    /** Stops taking new work, lets requests under way finish, then releases everything. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (digest != null) {
            digest.close();
        }
        deliveries.close();
        if (frigate != null) {
            frigate.close();
        }
        api.beginShutdown();
        try {
            api.drained().get(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "requests still under way after " + SHUTDOWN_GRACE.toSeconds() + " s: " + e);
        }
        try {
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            api.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "shutting down: " + e);
        } finally {
            wiring.close();
        }
    }

    /** The folder the first screen tells people to copy photos into: only when it is watched. */
    private static Optional<Path> watchedFolder(ServerConfig config) {
        boolean watched = config.storage().kind() == ServerConfig.StorageKind.FOLDER && config.storage().watch();
        return watched ? Optional.of(config.storage().folder().toAbsolutePath().normalize()) : Optional.empty();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
