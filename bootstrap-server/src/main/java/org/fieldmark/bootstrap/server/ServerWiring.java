package org.fieldmark.bootstrap.server;

import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.fieldmark.adapter.http.out.url.UrlFetchSettings;
import org.fieldmark.adapter.http.out.url.UrlImageStorageAdapter;
import org.fieldmark.adapter.local.folder.FolderImageStorageAdapter;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.adapter.local.photos.LocalPhotoStoreAdapter;
import org.fieldmark.adapter.local.sqlite.SqliteSightingRepositoryAdapter;
import org.fieldmark.adapter.local.thumbnail.ImageIoThumbnailAdapter;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.DailyDigestUseCase;
import org.fieldmark.application.port.in.DeliverPendingUseCase;
import org.fieldmark.application.port.in.FrigateEventsUseCase;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.application.port.in.SightingPhotosUseCase;
import org.fieldmark.application.port.in.SightingsUseCase;
import org.fieldmark.application.port.in.SpeciesCardUseCase;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.service.BirdLog;
import org.fieldmark.application.service.CompositeNotifier;
import org.fieldmark.application.service.DigestService;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.service.IdentifyOnceService;
import org.fieldmark.application.service.NewObjectsService;
import org.fieldmark.application.service.RecentIdentifications;
import org.fieldmark.application.service.SightingPhotos;
import org.fieldmark.application.service.SightingsService;
import org.fieldmark.application.service.SpeciesCardService;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.MessageTemplate;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.SpeciesNames;

/**
 * Builds the ports the configuration names, with plain constructors, and the use cases on top.
 * Everything that can be wrong is found here, at start-up, not on the first photo.
 */
final class ServerWiring implements AutoCloseable {

    /**
     * How long an S3 event delivery holds its claim before another delivery of the same upload may
     * take it over. Claims live in this process, so a crash forgets them anyway; the timeout only
     * frees the claim of an identification that hangs far beyond every adapter's own timeout.
     */
    static final Duration EVENT_CLAIM_TIMEOUT = Duration.ofMinutes(15);

    private final ServerConfig config;
    private final ImageStoragePort storage;
    private final FolderImageStorageAdapter folder;
    private final InferencePort inference;
    private final NotificationPort notifier;
    private final RecentIdentifications recent;
    private final IdentifyBirdService useCase;
    private final NewObjectsUseCase eventUseCase;
    private final boolean urlEnabled;
    private final SightingRepository sightingRepository;
    private final SightingsService sightings;
    private final SightingPhotos photos;
    private final DailyDigestUseCase digests;
    private final BooleanSupplier readiness;
    private final List<AutoCloseable> resources;
    private final FrigateEventsUseCase frigate;

    private ServerWiring(ServerConfig config, ImageStoragePort storage, FolderImageStorageAdapter folder,
                         InferencePort inference, NotificationPort notifier, RecentIdentifications recent,
                         IdentifyBirdService useCase, NewObjectsUseCase eventUseCase, boolean urlEnabled,
                         SightingRepository sightingRepository, SightingsService sightings, SightingPhotos photos,
                         DailyDigestUseCase digests, BooleanSupplier readiness, List<AutoCloseable> resources,
                         FrigateEventsUseCase frigate) {
        this.digests = digests;
        this.photos = photos;
        this.config = config;
        this.storage = storage;
        this.folder = folder;
        this.inference = inference;
        this.notifier = notifier;
        this.recent = recent;
        this.useCase = useCase;
        this.eventUseCase = eventUseCase;
        this.urlEnabled = urlEnabled;
        this.sightingRepository = sightingRepository;
        this.sightings = sightings;
        this.readiness = readiness;
        this.resources = resources;
        this.frigate = frigate;
    }

    /**
     * Builds every adapter the configuration names.
     *
     * @throws ConfigurationInvalidException listing what cannot be built
     */
    static ServerWiring from(ServerConfig config, Vertx vertx) {
        List<String> problems = new ArrayList<>();
        SpeciesCatalog catalog = ModelWiring.catalog(config.identification().labels(), problems);
        IdentificationRules rules = null;
        try {
            rules = new IdentificationRules(config.identification().threshold(), config.identification().topK(),
                    MessageTemplate.WORKSHOP);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return build(config, vertx, catalog, rules, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static ServerWiring build(ServerConfig config, Vertx vertx, SpeciesCatalog catalog,
                                      IdentificationRules rules, List<AutoCloseable> resources) {
        long maxImageBytes = config.identification().maxImageBytes();
        AwsWiring aws = aws(config, resources);
        Sources sources = sources(config.storage(), maxImageBytes, vertx, aws, resources);
        FolderImageStorageAdapter folder = sources.folder();
        ImageStoragePort storage = sources.configured();
        ImageStoragePort urls = sources.urls();
        ModelWiring.Model model = ModelWiring.model(config.inference(), aws, resources);

        Map<String, NotificationPort> channels = ChannelWiring.channels(config, vertx, aws, resources);
        NotificationPort digestChannels = channels.size() == 1 ? channels.values().iterator().next()
                : new CompositeNotifier(channels);
        RecentIdentifications recent = new RecentIdentifications(config.http().recentCapacity());
        SightingRepository sightingRepository = sightings(config.sightings(), resources);
        LocalPhotoStoreAdapter photoStore = PhotoWiring.store(config.photos(), resources);
        IdentificationSettings settings = new IdentificationSettings(catalog, rules, maxImageBytes,
                config.identification().notifyNoBird());
        Logger serviceLog = JsonEventLogger.named(IdentifyBirdService.class.getName());
        BirdLocatorPort locator = ModelWiring.locator(config.locator(), model.embedded(), catalog);
        if (locator instanceof AutoCloseable detector) {
            // The detector's ONNX session is closed with the server.
            closing(resources, detector);
        }
        // One service for every image source (uploads, the folder, S3 events, URLs): one recorder,
        // one lock, one outbox in the bird log's store.
        IdentifyBirdService.Builder builder = IdentifyBirdService.builder(new ImageSources(storage, urls),
                        model.port(), channels, settings)
                .recent(recent).log(serviceLog).locator(locator).outbox(outbox(sightingRepository));
        // The notification policy decides what goes into the log and who is told; off: every photo is told.
        ServerConfig.BirdLog logConfig = config.birdLog();
        DailyDigestUseCase digests = null;
        BirdLog birdLog = null;
        if (logConfig.policy() != null) {
            // Each sighting of a located bird keeps a crop thumbnail for the page's list.
            birdLog = BirdLog.of(logConfig.policy(), sightingRepository, Clock.systemUTC())
                    .withSourceName(logConfig.source())
                    .withThumbnails(new ImageIoThumbnailAdapter())
                    // Uploads and URL photos are kept (bounded) so the page and the API can show them.
                    .withPhotos(photoStore);
            builder.birdLog(birdLog);
            digests = new DigestService(sightingRepository, digestChannels, catalog, logConfig.zone(),
                    Clock.systemUTC(), JsonEventLogger.named(DigestService.class.getName()));
        }
        IdentifyBirdService useCase = builder.build();
        // The log's days (species of the day, hourly chart, eBird dates) are the policy's local days;
        // its sightings show their deliveries from the service's outbox.
        SightingPhotos photos = PhotoWiring.photos(config, sightingRepository, useCase.outbox(), photoStore, storage);
        SightingsService sightings = new SightingsService(sightingRepository, useCase.outbox(),
                SpeciesNames.of(catalog), Clock.system(logConfig.zone()), photos::available);
        // S3 and MinIO deliver events at least once: a redelivered event finds its upload claimed in
        // this process's memory (and its photo in the outbox) and is not identified or notified again.
        NewObjectsUseCase eventUseCase = new NewObjectsService(useCase, new IdentifyOnceService(useCase,
                new InMemoryIdempotency(EVENT_CLAIM_TIMEOUT), serviceLog));
        // Frigate's events: the same model, channels, bird log and outbox; sightings carry the camera.
        FrigateEventsUseCase frigate = !config.frigate().enabled() ? null : FrigateWiring.service(config, model.port(),
                channels, settings, locator, birdLog, useCase.outbox());
        return new ServerWiring(config, storage, folder, model.port(), digestChannels, recent, useCase, eventUseCase,
                urls != null, sightingRepository, sightings, photos, digests, model.readiness(), resources, frigate);
    }

    /** AWS clients when the store, the model or a channel is on AWS; otherwise none. */
    private static AwsWiring aws(ServerConfig config, List<AutoCloseable> resources) {
        boolean used = config.storage().kind() == ServerConfig.StorageKind.S3
                || config.inference().kind() == ServerConfig.InferenceKind.SAGEMAKER
                || config.notification().uses(ServerConfig.NotifyKind.SNS);
        return used ? new AwsWiring(config.aws(), resources) : null;
    }

    /** The store {@code storage} names, the folder when it is that, and the URL store when URL fetching is on. */
    private record Sources(ImageStoragePort configured, FolderImageStorageAdapter folder, ImageStoragePort urls) {
    }

    private static Sources sources(ServerConfig.Storage storageConfig, long maxImageBytes, Vertx vertx, AwsWiring aws,
                                   List<AutoCloseable> resources) {
        UrlFetchSettings urlSettings = UrlFetchSettings.defaults().withMaxBytes(maxImageBytes)
                .withAllow(storageConfig.urlAllow());
        FolderImageStorageAdapter folder = null;
        ImageStoragePort storage;
        switch (storageConfig.kind()) {
            case FOLDER -> {
                folder = new FolderImageStorageAdapter(storageConfig.folder(), maxImageBytes);
                storage = folder;
            }
            case URL -> storage = closing(resources, new UrlImageStorageAdapter(vertx, urlSettings));
            case S3 -> storage = aws.storage(storageConfig.s3Bucket(), maxImageBytes);
            default -> throw new IllegalStateException("unknown storage " + storageConfig.kind());
        }
        ImageStoragePort urls = !storageConfig.urlEnabled() ? null : storage instanceof UrlImageStorageAdapter
                ? storage : closing(resources, new UrlImageStorageAdapter(vertx, urlSettings));
        return new Sources(storage, folder, urls);
    }

    /** The outbox of the bird log's store: the same SQLite file (one transaction), or memory beside a log in memory. */
    static OutboxPort outbox(SightingRepository sightings) {
        return sightings instanceof SqliteSightingRepositoryAdapter sqlite ? sqlite.outbox()
                : new InMemoryOutbox(sightings);
    }

    /**
     * The bird log the configuration names: the SQLite file (opened, migrated, closed with the
     * server) or memory. A file that cannot be used stops the start with a sentence saying why.
     */
    static SightingRepository sightings(ServerConfig.Sightings config, List<AutoCloseable> resources) {
        return switch (config.store()) {
            case MEMORY -> new InMemorySightingRepository();
            case SQLITE -> {
                try {
                    yield closing(resources, SqliteSightingRepositoryAdapter.open(config.path()));
                } catch (StorageUnavailableException e) {
                    throw new ConfigurationInvalidException(List.of("sightings.path: " + e.getMessage()));
                }
            }
        };
    }

    static <T extends AutoCloseable> T closing(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    IdentifyBirdUseCase useCase() {
        return useCase;
    }

    /** The use case for S3/MinIO event records: {@link #useCase()} once per upload, however often it is delivered. */
    NewObjectsUseCase eventUseCase() {
        return eventUseCase;
    }

    /**
     * The use case for {@code {"url": ...}} requests, or {@code null} when URL fetching is off: the
     * same service as {@link #useCase()}, whose image store routes URLs to the URL store.
     */
    IdentifyBirdUseCase urlUseCase() {
        return urlEnabled ? useCase : null;
    }

    /** Sends what the outbox still owes; the server calls it on a timer. */
    DeliverPendingUseCase deliveries() {
        return useCase;
    }

    /** The outbox, for the sightings' deliveries and the metrics. */
    OutboxPort outbox() {
        return useCase.outbox();
    }

    /** Frigate's events, or {@code null} when {@code frigate.url} is not set. */
    FrigateEventsUseCase frigate() {
        return frigate;
    }

    /** The bird log's queries, statistics, reviews and export. */
    SightingsUseCase sightings() {
        return sightings;
    }

    /** Sightings' photos and previews. */
    SightingPhotosUseCase photos() {
        return photos;
    }

    /** Species cards over the bird log. */
    SpeciesCardUseCase speciesCards() {
        return new SpeciesCardService(sightings);
    }

    /** The bird log's store. */
    SightingRepository sightingRepository() {
        return sightingRepository;
    }

    /** The daily digest, or {@code null} with {@code policy.mode=off}. */
    DailyDigestUseCase digests() {
        return digests;
    }

    RecentIdentifications recent() {
        return recent;
    }

    /** The watched folder's store, for the page's photo list; {@code null} when images live elsewhere. */
    FolderImageStorageAdapter folderStorage() {
        return folder;
    }

    /** Whether the model and adapters can serve. */
    boolean ready() {
        return readiness.getAsBoolean();
    }

    String describe() {
        return "storage=" + config.storage().kind().name().toLowerCase(Locale.ROOT)
                + (folder != null ? " " + folder.root() : "")
                + ", inference=" + config.inference().kind().name().toLowerCase(Locale.ROOT)
                + ", locator=" + config.locator().mode().name().toLowerCase(Locale.ROOT)
                + ", notify=" + String.join(",", config.notification().kinds().stream()
                        .map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList())
                + ", labels=" + config.identification().labels()
                + ", sightings=" + (config.sightings().store() == ServerConfig.SightingsStore.SQLITE
                        ? config.sightings().path().toString() : "memory")
                + ", policy=" + (config.birdLog().policy() == null ? "off"
                        : config.birdLog().policy().mode().text() + " in " + config.birdLog().zone())
                + (config.birdLog().digestTime() != null ? ", digest at " + config.birdLog().digestTime() : "")
                + (config.frigate().enabled() ? ", frigate=" + config.frigate().url() : "");
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.getLogger(ServerWiring.class.getName()).log(System.Logger.Level.WARNING,
                        "closing " + resource + ": " + e);
            }
        }
    }
}
