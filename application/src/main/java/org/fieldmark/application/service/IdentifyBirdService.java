package org.fieldmark.application.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.ClassifyImageCommand;
import org.fieldmark.application.port.in.DeliverPendingUseCase;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.RecordOutcome;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.IdentificationResult.Located;
import org.fieldmark.application.port.out.IdentificationResult.Timings;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.region.RegionChoice;
import org.fieldmark.domain.sighting.Decision;

/**
 * A photo's lifecycle, once: fetch, check, locate, classify, choose, rank ({@link PhotoIdentifier}),
 * then decide and record ({@link SightingRecorder}), then tell each channel ({@link Deliverer}).
 * Recording and telling follow the <em>transactional outbox</em> pattern: the sighting and one
 * pending delivery per channel are recorded together ({@link OutboxPort}) before anyone is told;
 * then each channel is sent its delivery and the outcome written back. A photo with a known
 * version (a folder file's size and time, an S3 ETag) is recorded once: a retry of it (the folder
 * watcher's, a rescan after a restart, an S3 or SQS redelivery) finds its entry before the model
 * runs and only sends what is still pending, never again to a channel that took it. A channel that
 * fails is retried with the {@link DeliveryPolicy}'s backoff, by the photo's retries and by
 * {@link #deliverDue()}, until delivered or out of attempts; while some channel has not taken it,
 * the caller gets a {@link NotificationFailedException} (retryable while one is pending) carrying
 * the identification. With a bird log its notification policy decides who is told and why;
 * without one every photo with a bird is told, as the workshop did. Built with {@link #builder}.
 */
public final class IdentifyBirdService implements IdentifyBirdUseCase, DeliverPendingUseCase {

    /** Entries {@link #deliverDue()} takes per round. */
    static final int DUE_PER_ROUND = 100;

    private final PhotoIdentifier identifier;
    private final SightingRecorder recorder;
    private final SightingPictures pictures;
    private final Deliverer deliverer;
    private final OutboxPort outbox;
    private final IdentificationSettings settings;
    private final RecentIdentifications recent;
    private final ServiceLog log;
    private final LongSupplier nanoTime;
    private final Clock clock;

    private IdentifyBirdService(Builder b) {
        this.settings = b.settings;
        this.recent = b.recent;
        this.log = new ServiceLog(b.log);
        this.nanoTime = b.nanoTime;
        this.clock = b.birdLog != null ? b.birdLog.clock() : b.clock;
        this.outbox = Objects.requireNonNull(b.outbox, "no outbox: set one, or a bird log kept in SQLite or S3");
        this.identifier = new PhotoIdentifier(b.storage, b.inference, b.locator, b.choice, b.settings, log);
        this.recorder = new SightingRecorder(outbox, b.birdLog != null ? SightingRecorder.policy(b.birdLog)
                : SightingRecorder.everyPhoto(b.settings), clock);
        this.pictures = new SightingPictures(recorder, log);
        this.deliverer = new Deliverer(b.channels, outbox, b.policy, clock, log);
    }

    /** A builder for a service that tells one channel, named {@value Builder#DEFAULT_CHANNEL}. */
    public static Builder builder(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                                  IdentificationSettings settings) {
        return new Builder(storage, inference, Map.of(Builder.DEFAULT_CHANNEL,
                Objects.requireNonNull(notifier, "notifier")), settings);
    }

    /** A builder for a service that tells each of {@code channels} (by name, in delivery order; at least one). */
    public static Builder builder(ImageStoragePort storage, InferencePort inference,
                                  Map<String, NotificationPort> channels, IdentificationSettings settings) {
        return new Builder(storage, inference, channels, settings);
    }

    /**
     * Builds a service: storage, inference, channels and settings are required; a fresh list of
     * recent identifications, the class's logger, {@link System#nanoTime}, the UTC clock, no bird
     * log (every photo with a bird is told), the unlocated whole photo, {@link RegionChoice#DEFAULT},
     * {@link DeliveryPolicy#DEFAULT} and the bird log's store as the outbox when it is one (SQLite,
     * S3), unless set; without such a bird log the outbox must be set.
     */
    public static final class Builder {
        /** The name of the only channel of a service built with one notifier. */
        public static final String DEFAULT_CHANNEL = "default";

        private final ImageStoragePort storage;
        private final InferencePort inference;
        private final Map<String, NotificationPort> channels = new LinkedHashMap<>();
        private final IdentificationSettings settings;
        private RecentIdentifications recent = new RecentIdentifications();
        private Logger log = System.getLogger(IdentifyBirdService.class.getName());
        private LongSupplier nanoTime = System::nanoTime;
        private Clock clock = Clock.systemUTC();
        private BirdLog birdLog;
        private OutboxPort outbox;
        private DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
        private BirdLocatorPort locator = BirdLocatorPort.unlocated();
        private RegionChoice choice = RegionChoice.DEFAULT;

        private Builder(ImageStoragePort storage, InferencePort inference, Map<String, NotificationPort> channels,
                        IdentificationSettings settings) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.inference = Objects.requireNonNull(inference, "inference");
            this.settings = Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(channels, "channels").forEach((name, port) -> this.channels.put(
                    Objects.requireNonNull(name, "channel name"), Objects.requireNonNull(port, "channel " + name)));
            if (this.channels.isEmpty()) {
                throw new IllegalArgumentException("a service needs at least one notification channel");
            }
        }

        /** The list of recent identifications the service keeps up to date. */
        public Builder recent(RecentIdentifications value) {
            this.recent = Objects.requireNonNull(value, "recent");
            return this;
        }

        /** Where the structured log lines go. */
        public Builder log(Logger value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** The clock for the timings. */
        public Builder nanoTime(LongSupplier value) {
            this.nanoTime = Objects.requireNonNull(value, "nanoTime");
            return this;
        }

        /** The clock that times deliveries without a bird log (with one, the log's clock does). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * A bird log: each photo's top class is put to its notification policy, recorded when it
         * says so and told when it says so; the result carries the recorded sighting.
         */
        public Builder birdLog(BirdLog value) {
            this.birdLog = Objects.requireNonNull(value, "birdLog");
            this.outbox = outbox == null && value.repository() instanceof OutboxPort same ? same : outbox;
            return this;
        }

        /** Where photos, their sightings and their deliveries are recorded; the bird log's store when it is one. */
        public Builder outbox(OutboxPort value) {
            this.outbox = Objects.requireNonNull(value, "outbox");
            return this;
        }

        /** How often and how patiently each channel is retried. */
        public Builder deliveryPolicy(DeliveryPolicy value) {
            this.policy = Objects.requireNonNull(value, "deliveryPolicy");
            return this;
        }

        /** Where birds are looked for before they are named. */
        public Builder locator(BirdLocatorPort value) {
            this.locator = Objects.requireNonNull(value, "locator");
            return this;
        }

        /** How the region an identification is about is chosen among the located ones. */
        public Builder regionChoice(RegionChoice value) {
            this.choice = Objects.requireNonNull(value, "regionChoice");
            return this;
        }

        public IdentifyBirdService build() {
            return new IdentifyBirdService(this);
        }
    }

    /** The outbox this service records into. */
    public OutboxPort outbox() {
        return outbox;
    }

    @Override
    public IdentificationResult identify(IdentifyImageCommand command) {
        Objects.requireNonNull(command, "command");
        IdentificationRules rules = rules(command.overrides());
        long start = nanoTime.getAsLong();
        StoredImage stored = identifier.fetch(command.image());
        long fetched = nanoTime.getAsLong();
        return run(stored, rules, command.sendNotification(), start, fetched);
    }

    @Override
    public List<RecordOutcome> identifyEach(List<IdentifyImageCommand> commands) {
        Objects.requireNonNull(commands, "commands");
        List<RecordOutcome> outcomes = new ArrayList<>(commands.size());
        for (IdentifyImageCommand command : commands) {
            try {
                outcomes.add(RecordOutcome.succeeded(command.image(), identify(command)));
            } catch (FieldmarkException e) {
                // Already logged where it happened; the caller reports the failed records.
                outcomes.add(RecordOutcome.failed(command.image(), e));
            }
        }
        return outcomes;
    }

    @Override
    public IdentificationResult classify(ClassifyImageCommand command) {
        Objects.requireNonNull(command, "command");
        IdentificationRules rules = rules(command.overrides());
        long start = nanoTime.getAsLong();
        StoredImage handedIn = new StoredImage(ImageReference.of(command.key()), command.image(), null);
        return run(handedIn, rules, command.sendNotification(), start, start);
    }

    @Override
    public int deliverDue() {
        int delivered = 0;
        for (OutboxEntry entry : outbox.due(clock.instant(), DUE_PER_ROUND)) {
            IdentificationResult told;
            try {
                told = OutboxPayload.decode(entry.id(), entry.payload());
            } catch (StorageUnavailableException e) {
                log.failure(entry.photo(), "delivery.unreadable", e);
                continue;
            }
            OutboxEntry after = deliverer.deliver(entry, told, true).entry();
            delivered += (int) (delivered(after) - delivered(entry));
        }
        return delivered;
    }

    private static long delivered(OutboxEntry e) {
        return e.deliveries().stream().filter(d -> d.state() == Delivery.State.DELIVERED).count();
    }

    private IdentificationResult run(StoredImage stored, IdentificationRules rules, boolean sendNotification, long start,
                                     long fetched) {
        ImageReference source = stored.reference();
        log.log(Level.INFO, "image.received", ServiceLog.fields(source)
                .with("contentLength", stored.contentLength())
                .with("contentType", stored.contentType())
                .with("version", stored.version()));
        Optional<OutboxEntry> earlier = recorded(source, stored.version());
        if (earlier.isPresent()) {
            return resume(earlier.get());
        }
        ImageChecks.check(source.key(), stored.image(), settings.maxImageBytes());

        Location location = identifier.locate(source, stored.image());
        PhotoIdentifier.Answer answer = identifier.classifyAndChoose(source, location, stored.image());
        ModelOutput output = answer.output();
        long inferred = nanoTime.getAsLong();
        Identification identification = identifier.rank(source, output, rules);

        // What is told carries the time spent so far; what is returned adds the telling.
        IdentificationResult result = new IdentificationResult(source, stored.version(), stored.contentType(),
                stored.contentLength(), identification, output.modelId(),
                new Timings(millis(fetched - start), millis(inferred - fetched), millis(inferred - start)), null,
                new Located(location.locator(), answer.candidate().region(), location.windows()));
        SightingRecorder.Recorded recorded = record(result, sendNotification);
        if (!recorded.fresh()) {
            // Another attempt at the same photo recorded it while this one was identifying.
            return resume(recorded.entry());
        }
        SightingRecorder.Decided decided = recorded.decided();
        logIdentified(result, output, decided.tell(), decided.decision());
        IdentificationResult told = result.withSighting(decided.sighting());
        pictures.keep(told, stored);
        Deliverer.Round after = deliverer.deliver(recorded.entry(), told, false);
        IdentificationResult done = told.withTotalMillis(millis(nanoTime.getAsLong() - start));
        recent.record(done);
        failIfUndelivered(after, done);
        return done;
    }

    /** A photo an earlier attempt recorded: nothing is identified or decided again, only what is pending is sent. */
    private IdentificationResult resume(OutboxEntry entry) {
        IdentificationResult told = OutboxPayload.decode(entry.id(), entry.payload());
        log.log(Level.INFO, "image.already_identified", ServiceLog.fields(entry.photo())
                .with("version", entry.version())
                .with("sightingId", entry.sighting() == null ? null : entry.sighting().id())
                .with("pending", entry.deliveries().stream().filter(Delivery::pending).map(Delivery::channel)
                        .toList()));
        failIfUndelivered(deliverer.deliver(entry, told, false), told);
        return told;
    }

    private void failIfUndelivered(Deliverer.Round round, IdentificationResult told) {
        Optional<NotificationFailedException> failure = deliverer.undelivered(round);
        if (failure.isPresent()) {
            // The identification travels with the failure, so the caller can still hand it out.
            throw failure.get().carrying(told);
        }
    }

    private Optional<OutboxEntry> recorded(ImageReference source, String version) {
        return stored(source, "sighting.lookup_failed", "looking up", () -> recorder.recorded(source, version));
    }

    private SightingRecorder.Recorded record(IdentificationResult result, boolean sendNotification) {
        return stored(result.source(), "sighting.save_failed", "recording the sighting of",
                () -> recorder.record(result, sendNotification, deliverer::pendingForEveryChannel));
    }

    /** A step on the bird log's store: its failures are logged and leave as {@link FieldmarkException}s. */
    private <T> T stored(ImageReference source, String event, String doing, Supplier<T> step) {
        try {
            return step.get();
        } catch (FieldmarkException e) {
            log.failure(source, event, e);
            throw e;
        } catch (RuntimeException e) {
            StorageUnavailableException wrapped = new StorageUnavailableException(
                    doing + " '" + source.key() + "' in the bird log failed unexpectedly: " + e, false, e);
            log.failure(source, event, wrapped);
            throw wrapped;
        }
    }

    private void logIdentified(IdentificationResult result, ModelOutput output, boolean send, Decision decision) {
        Identification identification = result.identification();
        ServiceLog.Fields fields = ServiceLog.fields(result.source())
                .with("message", identification.message())
                .with("species", identification.top().name())
                .with("scientificName", identification.top().scientificName())
                .with("probability", identification.top().probability())
                .with("confident", identification.confident())
                .with("birdRecognised", identification.birdRecognised())
                .with("modelId", output.modelId())
                .with("notify", send);
        if (decision != null) {
            fields.with("recorded", decision.recorded()).with("reason", decision.reason());
        }
        log.log(Level.INFO, "image.identified", fields);
    }

    private IdentificationRules rules(RuleOverrides overrides) {
        IdentificationRules rules = settings.rules();
        try {
            if (overrides.threshold() != null) {
                rules = rules.withThreshold(overrides.threshold());
            }
            if (overrides.topK() != null) {
                rules = rules.withTopK(overrides.topK());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        return rules;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
