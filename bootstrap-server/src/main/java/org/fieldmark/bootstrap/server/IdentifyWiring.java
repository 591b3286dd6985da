package org.fieldmark.bootstrap.server;

import java.lang.System.Logger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import org.fieldmark.adapter.local.folder.ArchiveFilesAdapter;
import org.fieldmark.adapter.local.thumbnail.ImageIoThumbnailAdapter;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.in.IdentifyArchiveUseCase;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.service.BirdLog;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyArchiveService;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.MessageTemplate;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * The {@code identify} subcommand's wiring: the server's model, catalog, rules and locate stage from
 * the same configuration, photo files as the image store, nobody to tell, and with {@code --record}
 * the server's bird log (its store, policy, source name and time zone) to record into.
 */
final class IdentifyWiring implements AutoCloseable {

    private final IdentifyArchiveUseCase useCase;
    private final String describe;
    private final List<AutoCloseable> resources;

    private IdentifyWiring(IdentifyArchiveUseCase useCase, String describe, List<AutoCloseable> resources) {
        this.useCase = useCase;
        this.describe = describe;
        this.resources = resources;
    }

    /**
     * Builds the use case; {@code model} wraps the configured model (tests count its calls).
     *
     * @throws ConfigurationInvalidException listing what cannot be built
     */
    static IdentifyWiring from(ServerConfig config, boolean record, UnaryOperator<InferencePort> model) {
        List<String> problems = new ArrayList<>();
        SpeciesCatalog catalog = ModelWiring.catalog(config.identification().labels(), problems);
        IdentificationRules rules = null;
        try {
            rules = new IdentificationRules(config.identification().threshold(), config.identification().topK(),
                    MessageTemplate.WORKSHOP);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (record && config.birdLog().policy() == null) {
            problems.add("--record needs the bird log, but policy.mode is off; set policy.mode to every (the default)");
        }
        if (record && config.sightings().store() != ServerConfig.SightingsStore.SQLITE) {
            problems.add("--record writes into the bird log file, but sightings.store is memory (lost at the end); "
                    + "set sightings.store=sqlite and sightings.path");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return build(config, record, model, catalog, rules, resources);
        } catch (RuntimeException e) {
            close(resources);
            throw e;
        }
    }

    private static IdentifyWiring build(ServerConfig config, boolean record, UnaryOperator<InferencePort> wrap,
                                        SpeciesCatalog catalog, IdentificationRules rules,
                                        List<AutoCloseable> resources) {
        AwsWiring aws = config.inference().kind() == ServerConfig.InferenceKind.SAGEMAKER
                ? new AwsWiring(config.aws(), resources) : null;
        ModelWiring.Model model = ModelWiring.model(config.inference(), aws, resources);
        BirdLocatorPort locator = ModelWiring.locator(config.locator(), model.embedded(), catalog);
        if (locator instanceof AutoCloseable detector) {
            resources.add(detector);
        }
        long maxImageBytes = config.identification().maxImageBytes();
        ArchiveFilesAdapter files = new ArchiveFilesAdapter(maxImageBytes, config.birdLog().zone());
        IdentifyBirdService.Builder builder = IdentifyBirdService.builder(files, wrap.apply(model.port()),
                        NOBODY, new IdentificationSettings(catalog, rules, maxImageBytes, false))
                .log(QUIET).locator(locator);
        String describe = "inference=" + config.inference().kind().name().toLowerCase(java.util.Locale.ROOT)
                + ", locator=" + config.locator().mode().name().toLowerCase(java.util.Locale.ROOT)
                + ", labels=" + config.identification().labels();
        if (record) {
            SightingRepository sightings = ServerWiring.sightings(config.sightings(), resources);
            builder.birdLog(BirdLog.of(config.birdLog().policy(), sightings, Clock.systemUTC())
                            .withSourceName(config.birdLog().source()).withThumbnails(new ImageIoThumbnailAdapter()))
                    .outbox(ServerWiring.outbox(sightings));
            describe += ", recording into " + config.sightings().path();
        } else {
            // Nobody is told and no log is kept: nothing is ever worth keeping in this outbox.
            builder.outbox(new InMemoryOutbox());
        }
        return new IdentifyWiring(new IdentifyArchiveService(builder.build(), files), describe, resources);
    }

    IdentifyArchiveUseCase useCase() {
        return useCase;
    }

    /** The model, locator and catalog in use, for the first progress line. */
    String describe() {
        return describe;
    }

    @Override
    public void close() {
        close(resources);
    }

    private static void close(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.getLogger(IdentifyWiring.class.getName()).log(Logger.Level.WARNING, "closing " + resource
                        + ": " + e);
            }
        }
    }

    /** The archive never notifies: a call here is a defect. */
    private static final NotificationPort NOBODY = new NotificationPort() {
        @Override
        public void publish(IdentificationResult result) {
            throw new IllegalStateException("identify never notifies, but was asked to tell of " + result.source());
        }

        @Override
        public void publishDigest(DailyDigest digest) {
            throw new IllegalStateException("identify never sends digests");
        }
    };

    /** The service's per-photo log lines would bury the progress; every outcome is reported by the command. */
    private static final Logger QUIET = new Logger() {
        @Override
        public String getName() {
            return "fieldmark.identify";
        }

        @Override
        public boolean isLoggable(Level level) {
            return false;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            // quiet
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            // quiet
        }
    };
}
