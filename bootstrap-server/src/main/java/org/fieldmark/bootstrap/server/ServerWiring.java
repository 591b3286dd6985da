package org.fieldmark.bootstrap.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.adapter.local.folder.FolderImageStorageAdapter;
import org.fieldmark.adapter.local.log.LogNotificationAdapter;
import org.fieldmark.adapter.local.onnx.BundledBirdModel;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.service.RecentIdentifications;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.MessageTemplate;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * Builds the ports the configuration names, with plain constructors, and the use cases on top.
 * Everything that can be wrong is found here, at start-up, not on the first photo.
 */
final class ServerWiring implements AutoCloseable {

    private final ServerConfig config;
    private final ImageStoragePort storage;
    private final FolderImageStorageAdapter folder;
    private final InferencePort inference;
    private final NotificationPort notifier;
    private final RecentIdentifications recent;
    private final IdentifyBirdService useCase;
    private final IdentifyBirdService urlUseCase;
    private final List<AutoCloseable> resources;

    private ServerWiring(ServerConfig config, ImageStoragePort storage, FolderImageStorageAdapter folder,
                         InferencePort inference, NotificationPort notifier, RecentIdentifications recent,
                         IdentifyBirdService useCase, IdentifyBirdService urlUseCase, List<AutoCloseable> resources) {
        this.config = config;
        this.storage = storage;
        this.folder = folder;
        this.inference = inference;
        this.notifier = notifier;
        this.recent = recent;
        this.useCase = useCase;
        this.urlUseCase = urlUseCase;
        this.resources = resources;
    }

    static ServerWiring from(ServerConfig config) {
        List<String> problems = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        SpeciesCatalog catalog = catalog(config.identification().labels(), problems);
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
        FolderImageStorageAdapter folder = null;
        ImageStoragePort storage;
        long maxImageBytes = config.identification().maxImageBytes();
        switch (config.storage().kind()) {
            case FOLDER -> {
                folder = new FolderImageStorageAdapter(config.storage().folder(), maxImageBytes);
                storage = folder;
            }
            default -> throw new ConfigurationInvalidException(List.of("storage=" + config.storage().kind()
                    .name().toLowerCase(java.util.Locale.ROOT) + " is not wired into the server yet"));
        }
        InferencePort inference;
        switch (config.inference().kind()) {
            case EMBEDDED -> {
                EmbeddedOnnxInferenceAdapter embedded = config.inference().embeddedModel().equals("bundled")
                        ? EmbeddedOnnxInferenceAdapter.bundled(config.inference().embeddedThreads())
                        : new EmbeddedOnnxInferenceAdapter(Path.of(config.inference().embeddedModel()),
                                Path.of(config.inference().embeddedModel()).getFileName().toString(),
                                config.inference().embeddedThreads());
                resources.add(embedded);
                inference = embedded;
            }
            default -> throw new ConfigurationInvalidException(List.of("inference=" + config.inference().kind()
                    .name().toLowerCase(java.util.Locale.ROOT) + " is not wired into the server yet"));
        }
        NotificationPort notifier;
        switch (config.notification().kind()) {
            case LOG -> notifier = new LogNotificationAdapter();
            default -> throw new ConfigurationInvalidException(List.of("notify=" + config.notification().kind()
                    .name().toLowerCase(java.util.Locale.ROOT) + " is not wired into the server yet"));
        }
        RecentIdentifications recent = new RecentIdentifications(config.http().recentCapacity());
        IdentificationSettings settings = new IdentificationSettings(catalog, rules, maxImageBytes,
                config.identification().notifyNoBird());
        IdentifyBirdService useCase = new IdentifyBirdService(storage, inference, notifier, settings, recent);
        return new ServerWiring(config, storage, folder, inference, notifier, recent, useCase, null, resources);
    }

    private static SpeciesCatalog catalog(String labels, List<String> problems) {
        if (labels.equals("inat-birds")) {
            return BundledBirdModel.catalog();
        }
        var builtIn = SpeciesCatalog.builtIn(labels);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        try {
            return SpeciesCatalog.load(Path.of(labels));
        } catch (IllegalArgumentException e) {
            problems.add("identification.labels '" + labels + "' is neither workshop-4, inat-birds nor a readable "
                    + "labels file: " + e.getMessage());
            return null;
        }
    }

    IdentifyBirdUseCase useCase() {
        return useCase;
    }

    /** The use case for {@code {"url": ...}} requests, or {@code null} when URL fetching is off. */
    IdentifyBirdUseCase urlUseCase() {
        return urlUseCase;
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
        return true;
    }

    String describe() {
        return "storage=" + config.storage().kind().name().toLowerCase(java.util.Locale.ROOT)
                + (folder != null ? " " + folder.root() : "")
                + ", inference=" + config.inference().kind().name().toLowerCase(java.util.Locale.ROOT)
                + ", notify=" + config.notification().kind().name().toLowerCase(java.util.Locale.ROOT)
                + ", labels=" + config.identification().labels();
    }

    @Override
    public void close() {
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
