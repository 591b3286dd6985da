package org.fieldmark.configuration;

import static org.fieldmark.configuration.IdentifyOptions.API_KEY;
import static org.fieldmark.configuration.IdentifyOptions.AWS_ENDPOINT;
import static org.fieldmark.configuration.IdentifyOptions.AWS_ENDPOINT_S3;
import static org.fieldmark.configuration.IdentifyOptions.AWS_ENDPOINT_SAGEMAKER;
import static org.fieldmark.configuration.IdentifyOptions.AWS_ENDPOINT_SNS;
import static org.fieldmark.configuration.IdentifyOptions.AWS_REGION;
import static org.fieldmark.configuration.IdentifyOptions.EMBEDDED_MODEL;
import static org.fieldmark.configuration.IdentifyOptions.EMBEDDED_THREADS;
import static org.fieldmark.configuration.IdentifyOptions.FOLDER;
import static org.fieldmark.configuration.IdentifyOptions.FOLDER_WATCH;
import static org.fieldmark.configuration.IdentifyOptions.HOST;
import static org.fieldmark.configuration.IdentifyOptions.HTTP_MODEL_NAME;
import static org.fieldmark.configuration.IdentifyOptions.HTTP_MODEL_PROTOCOL;
import static org.fieldmark.configuration.IdentifyOptions.HTTP_MODEL_URL;
import static org.fieldmark.configuration.IdentifyOptions.INFERENCE;
import static org.fieldmark.configuration.IdentifyOptions.LABELS;
import static org.fieldmark.configuration.IdentifyOptions.MAX_BODY_BYTES;
import static org.fieldmark.configuration.IdentifyOptions.MAX_IMAGE_BYTES;
import static org.fieldmark.configuration.IdentifyOptions.NOTIFY_NO_BIRD;
import static org.fieldmark.configuration.IdentifyOptions.POLL_INTERVAL;
import static org.fieldmark.configuration.IdentifyOptions.PORT;
import static org.fieldmark.configuration.IdentifyOptions.QUEUE;
import static org.fieldmark.configuration.IdentifyOptions.RECENT;
import static org.fieldmark.configuration.IdentifyOptions.S3_BUCKET;
import static org.fieldmark.configuration.IdentifyOptions.SAGEMAKER_CONTENT_TYPE;
import static org.fieldmark.configuration.IdentifyOptions.SAGEMAKER_ENDPOINT;
import static org.fieldmark.configuration.IdentifyOptions.STABILITY_DELAY;
import static org.fieldmark.configuration.IdentifyOptions.STATE_FILE;
import static org.fieldmark.configuration.IdentifyOptions.STORAGE;
import static org.fieldmark.configuration.IdentifyOptions.THRESHOLD;
import static org.fieldmark.configuration.IdentifyOptions.TIMEOUT_MS;
import static org.fieldmark.configuration.IdentifyOptions.TOP_K;
import static org.fieldmark.configuration.IdentifyOptions.URL_ALLOW;
import static org.fieldmark.configuration.IdentifyOptions.URL_ENABLED;
import static org.fieldmark.configuration.IdentifyOptions.WORKERS;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import org.fieldmark.configuration.ServerConfig.InferenceKind;
import org.fieldmark.configuration.ServerConfig.StorageKind;

/** Reads the server's values into {@link ServerConfig}, noting every problem in the server's words. */
public final class ServerBinder {

    private ServerBinder() {
    }

    /** The server's configuration; check {@code values.problems()} before using it. */
    public static ServerConfig bind(Values values) {
        ServerConfig.Http http = new ServerConfig.Http(values.text(HOST), values.integer(PORT),
                values.optional(API_KEY), values.whole(MAX_BODY_BYTES), values.integer(WORKERS),
                values.integer(QUEUE), values.integer(RECENT));
        InferenceKind inferenceKind = values.choice(INFERENCE, InferenceKind.class, InferenceKind.EMBEDDED);
        String labels = values.text(LABELS);
        if (labels.equals("auto")) {
            labels = inferenceKind == InferenceKind.EMBEDDED ? "inat-birds" : "workshop-4";
        }
        ServerConfig.Identification identification = new ServerConfig.Identification(labels,
                values.decimal(THRESHOLD), values.integer(TOP_K), values.whole(MAX_IMAGE_BYTES),
                values.flag(NOTIFY_NO_BIRD));
        StorageKind storageKind = values.choice(STORAGE, StorageKind.class, StorageKind.FOLDER);
        ServerConfig.Storage storage = storage(values, storageKind);
        ServerConfig.Inference inference = inference(values, inferenceKind);
        LocatorSettings locator = LocatorBinder.bind(values, inferenceKind == InferenceKind.EMBEDDED);
        ServerConfig.Notify notify = ServerNotifyBinder.notify(values);
        ServerConfig.Aws aws = new ServerConfig.Aws(values.optional(AWS_REGION), values.url(AWS_ENDPOINT),
                values.url(AWS_ENDPOINT_S3), values.url(AWS_ENDPOINT_SAGEMAKER), values.url(AWS_ENDPOINT_SNS));
        ServerConfig.Sightings sightings = new ServerConfig.Sightings(values.choice(NotifyOptions.SIGHTINGS_STORE,
                ServerConfig.SightingsStore.class, ServerConfig.SightingsStore.SQLITE),
                path(values, NotifyOptions.SIGHTINGS_PATH));
        return new ServerConfig(http, identification, storage, inference, locator, notify, aws, sightings,
                birdLog(values, identification.notifyNoBird()), photos(values, sightings), FrigateBinder.bind(values));
    }

    /**
     * The photo store; its folder defaults to {@code photos/} beside the SQLite bird log, and to none
     * (a temporary one) beside a log in memory.
     */
    private static ServerConfig.Photos photos(Values values, ServerConfig.Sightings sightings) {
        Path folder = values.optional(PhotoOptions.PHOTOS_DIR) != null ? path(values, PhotoOptions.PHOTOS_DIR)
                : sightings.store() == ServerConfig.SightingsStore.MEMORY ? null
                : sightings.path().normalize().resolveSibling("photos");
        return new ServerConfig.Photos(folder, values.integer(PhotoOptions.PHOTOS_MAX_COUNT),
                values.whole(PhotoOptions.PHOTOS_MAX_BYTES));
    }

    private static ServerConfig.Storage storage(Values values, StorageKind kind) {
        Path folder = path(values, FOLDER);
        String stateFile = values.optional(STATE_FILE);
        return new ServerConfig.Storage(kind, folder, values.flag(FOLDER_WATCH),
                stateFile != null ? Path.of(stateFile) : folder.resolve(".fieldmark-state"),
                Duration.ofMillis(values.whole(POLL_INTERVAL)), Duration.ofMillis(values.whole(STABILITY_DELAY)),
                values.requiredWhen(S3_BUCKET, kind == StorageKind.S3, "storage=s3", "the bucket holding the photos"),
                values.flag(URL_ENABLED), values.list(URL_ALLOW));
    }

    private static ServerConfig.Inference inference(Values values, InferenceKind kind) {
        String protocol = values.choice(HTTP_MODEL_PROTOCOL);
        return new ServerConfig.Inference(kind, values.integer(EMBEDDED_THREADS), values.text(EMBEDDED_MODEL),
                values.requiredWhen(SAGEMAKER_ENDPOINT, kind == InferenceKind.SAGEMAKER, "inference=sagemaker",
                        "the SageMaker endpoint name"),
                values.text(SAGEMAKER_CONTENT_TYPE),
                values.requiredWhen(HTTP_MODEL_URL, kind == InferenceKind.HTTP, "inference=http",
                        "the model server's base URL"),
                protocol,
                values.requiredWhen(HTTP_MODEL_NAME, kind == InferenceKind.HTTP && "kserve".equals(protocol),
                        "http-model.protocol=kserve", "the model's name on the server"),
                Duration.ofMillis(values.whole(TIMEOUT_MS)));
    }

    /** The notification policy, the digest and image links; every problem of them is noted, like the rest. */
    private static ServerConfig.BirdLog birdLog(Values values, boolean notifyNoBird) {
        PolicyBinder.Bound policy = PolicyBinder.bind(values, notifyNoBird);
        LocalTime digestAt = null;
        String digestText = values.optional(NotifyOptions.DIGEST_TIME);
        if (digestText != null) {
            try {
                digestAt = LocalTime.parse(digestText);
            } catch (DateTimeException e) {
                values.problems().add("digest.time must be a local time such as 20:00, got '" + digestText + "'");
            }
            if ("off".equalsIgnoreCase(values.optional(NotifyOptions.POLICY_MODE))) {
                values.problems().add("digest.time needs the bird log, but policy.mode is off; set policy.mode to "
                        + "every, new-species or first-of-day, or unset digest.time");
            }
        }
        return new ServerConfig.BirdLog(policy.policy(), policy.zone(), values.optional(NotifyOptions.SOURCE), digestAt,
                values.url(NotifyOptions.PUBLIC_URL));
    }

    private static Path path(Values values, Setting setting) {
        String value = values.text(setting);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            values.problems().add(setting.name() + " is not a usable path: " + e.getMessage());
            return Path.of(".");
        }
    }
}
