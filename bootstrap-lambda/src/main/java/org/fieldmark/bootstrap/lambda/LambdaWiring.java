package org.fieldmark.bootstrap.lambda;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.s3.S3IdempotencyAdapter;
import org.fieldmark.adapter.aws.s3.S3IdempotencySettings;
import org.fieldmark.adapter.aws.s3.S3ImageStorageAdapter;
import org.fieldmark.adapter.aws.s3.S3OutboxAdapter;
import org.fieldmark.adapter.aws.s3.S3PresignedLinks;
import org.fieldmark.adapter.aws.s3.S3SightingRepositoryAdapter;
import org.fieldmark.adapter.aws.s3.S3SightingSettings;
import org.fieldmark.adapter.aws.s3.S3StorageSettings;
import org.fieldmark.adapter.aws.sagemaker.SageMakerInferenceAdapter;
import org.fieldmark.adapter.aws.sagemaker.SageMakerSettings;
import org.fieldmark.adapter.aws.sns.SnsNotificationAdapter;
import org.fieldmark.adapter.aws.sns.SnsSettings;
import org.fieldmark.adapter.log.LogNotificationAdapter;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.port.in.DailyDigestUseCase;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.service.BirdLog;
import org.fieldmark.application.service.DigestService;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.service.IdentifyOnceService;
import org.fieldmark.application.service.NewObjectsService;
import org.fieldmark.configuration.LocatorSettings;

/** Builds the use case from the configuration with plain constructors; SDK clients are made here, once. */
public final class LambdaWiring {

    private LambdaWiring() {
    }

    /** The identification service with the adapters {@code config} chooses, built from {@code clients}. */
    public static IdentifyBirdUseCase wire(LambdaConfiguration config, AwsClients clients, JsonLog log) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(log, "log");
        ImageStoragePort storage = new S3ImageStorageAdapter(clients.s3(), new S3StorageSettings(config.maxImageBytes()));
        InferencePort inference = switch (config.inference()) {
            case SAGEMAKER -> new SageMakerInferenceAdapter(clients.sageMakerRuntime(),
                    new SageMakerSettings(config.endpointName(), config.contentType(), config.inferenceTimeout()));
            // Loaded only here: the default jar has no adapter-local (LambdaEnvironment checked this one has).
            case EMBEDDED -> EmbeddedModel.open(config.embeddedThreads());
        };
        NotificationPort notifier = notifier(config.notification(), config.topicArn(), config.subject(),
                links(config, clients), clients, log);
        SightingRepository sightings = sightings(config, clients);
        IdentifyBirdService.Builder service = IdentifyBirdService.builder(storage, inference,
                        Map.of(config.notification().name().toLowerCase(Locale.ROOT), notifier),
                        new IdentificationSettings(config.catalog(), config.rules(), config.maxImageBytes(),
                                config.notifyWhenNoBird()))
                .log(log.serviceLogger()).locator(locator(config, inference))
                .outbox(outbox(config, clients, sightings));
        if (config.policy() != null) {
            service.birdLog(BirdLog.of(config.policy(), sightings, Clock.systemUTC())
                    .withSourceName(config.policySource()));
        }
        return service.build();
    }

    /**
     * Where each photo and its deliveries are recorded, so a retried invocation only sends what is
     * still pending: beside the bird log under {@code SIGHTINGS_BUCKET}, else beside the claim markers
     * under {@code IDEMPOTENCY_BUCKET}, else this container's memory (a retry in another container
     * then identifies and tells again).
     */
    static OutboxPort outbox(LambdaConfiguration config, AwsClients clients, SightingRepository sightings) {
        if (config.sightings() != null) {
            return new S3OutboxAdapter(clients.s3(), config.sightings(), sightings);
        }
        LambdaConfiguration.Delivery delivery = config.delivery();
        if (delivery.idempotencyBucket() != null) {
            return new S3OutboxAdapter(clients.s3(), new S3SightingSettings(delivery.idempotencyBucket(),
                    delivery.idempotencyPrefix()), sightings);
        }
        return new InMemoryOutbox(sightings);
    }

    /**
     * The locate stage. The default jar (SageMaker) has no image reader of its own: the whole photo goes to
     * the endpoint unread, as before, and results carry no region. The embedded jar reads the photo's size
     * for the whole frame, and runs the search over the bundled model.
     */
    static BirdLocatorPort locator(LambdaConfiguration config, InferencePort inference) {
        if (config.locator().mode() == LocatorSettings.Mode.WHOLE
                && !EmbeddedModel.isPackaged(LambdaWiring.class.getClassLoader())) {
            return BirdLocatorPort.unlocated();
        }
        return EmbeddedModel.locator(config.locator(), inference);
    }

    /** The notifier {@code NOTIFY} chooses: the SNS topic or the function's log. */
    static NotificationPort notifier(LambdaConfiguration.Notify notify, String topicArn, String subject,
                                     Function<ImageReference, Optional<String>> links, AwsClients clients,
                                     JsonLog log) {
        return switch (notify) {
            case SNS -> new SnsNotificationAdapter(clients.sns(), new SnsSettings(topicArn, subject), links);
            case LOG -> new LogNotificationAdapter(log.notificationLogger(), LogNotificationAdapter.Format.JSON);
        };
    }

    /**
     * The daily digest over the S3 bird log, sent through the notifier {@code NOTIFY} chooses; the day is
     * counted in {@code clock}'s zone.
     */
    public static DailyDigestUseCase digest(DigestConfiguration config, AwsClients clients, JsonLog log, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(log, "log");
        // A digest carries no photo, so no link.
        NotificationPort notifier = notifier(config.notification(), config.topicArn(), config.subject(),
                image -> Optional.empty(), clients, log);
        return new DigestService(new S3SightingRepositoryAdapter(clients.s3(), config.sightings()), notifier,
                config.catalog(), clock.getZone(), clock, log.serviceLogger());
    }

    /**
     * The bird log: the S3 store when {@code SIGHTINGS_BUCKET} is set, else memory (each container
     * then keeps its own, lost when it is recycled).
     */
    public static SightingRepository sightings(LambdaConfiguration config, AwsClients clients) {
        if (config.sightings() == null) {
            return new InMemorySightingRepository();
        }
        return new S3SightingRepositoryAdapter(clients.s3(), config.sightings());
    }

    /**
     * The new-objects use case the event handlers translate into, with claims in the S3 bucket
     * {@code IDEMPOTENCY_BUCKET} names, or in this container's memory without one.
     */
    public static NewObjectsUseCase newObjects(LambdaConfiguration config, AwsClients clients, JsonLog log) {
        LambdaConfiguration.Delivery delivery = config.delivery();
        IdempotencyPort claims = delivery.idempotencyBucket() == null
                ? new InMemoryIdempotency(delivery.claimTimeout())
                : new S3IdempotencyAdapter(clients.s3(), new S3IdempotencySettings(delivery.idempotencyBucket(),
                        delivery.idempotencyPrefix(), delivery.claimTimeout()));
        return newObjects(wire(config, clients, log), claims, log);
    }

    /** The new-objects use case over an identification service, once per upload with {@code claims}. */
    public static NewObjectsUseCase newObjects(IdentifyBirdUseCase identify, IdempotencyPort claims, JsonLog log) {
        return new NewObjectsService(identify, new IdentifyOnceService(identify, claims, log.serviceLogger()));
    }

    private static Function<ImageReference, Optional<String>> links(LambdaConfiguration config, AwsClients clients) {
        if (config.presignTtl() == null) {
            return image -> Optional.empty();
        }
        return new S3PresignedLinks(clients.s3Presigner(), config.presignTtl())::linkFor;
    }
}
