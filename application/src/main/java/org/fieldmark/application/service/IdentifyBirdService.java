package org.fieldmark.application.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InvalidModelOutputException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.ClassifyImageCommand;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.RecordOutcome;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.IdentificationResult.Located;
import org.fieldmark.application.port.out.IdentificationResult.Timings;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.region.ChosenRegion;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.region.RegionChoice;
import org.fieldmark.domain.region.RegionScores;
import org.fieldmark.domain.sighting.Decision;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SightingCandidate;

/**
 * Fetch, check, locate, classify, choose, rank, tell. The locator ({@link BirdLocatorPort}) finds
 * candidate regions; regions it did not classify itself go to the {@link InferencePort}; the
 * domain's {@link RegionChoice} picks the region the identification is about, and the message is
 * that region's. Without a locator the whole photo goes to the model unchanged, as before. Every
 * failure leaves here as a {@link FieldmarkException}: what an adapter raised passes through,
 * anything else an adapter throws is wrapped into the error of the step it happened in, so entry
 * points only ever see the closed family. Built with its constructors (no locator) or
 * {@link #builder}.
 */
public final class IdentifyBirdService implements IdentifyBirdUseCase {

    /**
     * At most this many of a locator's crops go to the {@link InferencePort} (best first): each is a
     * model call, a paid one with a remote model.
     */
    static final int MAX_CROPS_CLASSIFIED = 8;

    private final ImageStoragePort storage;
    private final InferencePort inference;
    private final NotificationPort notifier;
    private final IdentificationSettings settings;
    private final RecentIdentifications recent;
    private final Logger log;
    private final LongSupplier nanoTime;
    private final SightingRecorder recorder;
    private final BirdLocatorPort locator;
    private final RegionChoice choice;

    public IdentifyBirdService(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                               IdentificationSettings settings) {
        this(storage, inference, notifier, settings, new RecentIdentifications());
    }

    /** With a list of recent identifications that the service keeps up to date. */
    public IdentifyBirdService(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                               IdentificationSettings settings, RecentIdentifications recent) {
        this(storage, inference, notifier, settings, recent, System.getLogger(IdentifyBirdService.class.getName()),
                System::nanoTime);
    }

    /** For tests: a logger to read the structured lines from and a clock for the timings. */
    public IdentifyBirdService(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                               IdentificationSettings settings, Logger log, LongSupplier nanoTime) {
        this(storage, inference, notifier, settings, new RecentIdentifications(), log, nanoTime);
    }

    /** Every collaborator given, without a bird log: every photo is notified, as the workshop did. */
    public IdentifyBirdService(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                               IdentificationSettings settings, RecentIdentifications recent, Logger log,
                               LongSupplier nanoTime) {
        this(storage, inference, notifier, settings, recent, log, nanoTime, null);
    }

    /**
     * Every collaborator given, with a bird log: each photo's top class is put to the log's
     * notification policy, recorded when it says so and notified when it says so; the result
     * carries the recorded sighting.
     *
     * @param birdLog the policy, repository, clock and ids; {@code null} keeps no log and notifies
     *                every photo (the workshop's behaviour)
     */
    public IdentifyBirdService(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                               IdentificationSettings settings, RecentIdentifications recent, Logger log,
                               LongSupplier nanoTime, BirdLog birdLog) {
        this(storage, inference, notifier, settings, recent, log, nanoTime, birdLog, BirdLocatorPort.unlocated(),
                RegionChoice.DEFAULT);
    }

    private IdentifyBirdService(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                                IdentificationSettings settings, RecentIdentifications recent, Logger log,
                                LongSupplier nanoTime, BirdLog birdLog, BirdLocatorPort locator,
                                RegionChoice choice) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.choice = Objects.requireNonNull(choice, "choice");
        this.recorder = birdLog == null ? null : new SightingRecorder(birdLog);
        this.recent = Objects.requireNonNull(recent, "recent");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.inference = Objects.requireNonNull(inference, "inference");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** A builder for a service with the four collaborators every service needs; the rest default as in the constructors. */
    public static Builder builder(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                                  IdentificationSettings settings) {
        return new Builder(storage, inference, notifier, settings);
    }

    /**
     * Builds a service: storage, inference, notifier and settings are required; a fresh list of recent
     * identifications, the class's logger, {@link System#nanoTime}, no bird log, the unlocated whole
     * photo ({@link BirdLocatorPort#unlocated()}) and {@link RegionChoice#DEFAULT} unless set.
     */
    public static final class Builder {
        private final ImageStoragePort storage;
        private final InferencePort inference;
        private final NotificationPort notifier;
        private final IdentificationSettings settings;
        private RecentIdentifications recent = new RecentIdentifications();
        private Logger log = System.getLogger(IdentifyBirdService.class.getName());
        private LongSupplier nanoTime = System::nanoTime;
        private BirdLog birdLog;
        private BirdLocatorPort locator = BirdLocatorPort.unlocated();
        private RegionChoice choice = RegionChoice.DEFAULT;

        private Builder(ImageStoragePort storage, InferencePort inference, NotificationPort notifier,
                        IdentificationSettings settings) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.inference = Objects.requireNonNull(inference, "inference");
            this.notifier = Objects.requireNonNull(notifier, "notifier");
            this.settings = Objects.requireNonNull(settings, "settings");
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

        /** A bird log: each photo's top class is put to its policy (see the constructor with one). */
        public Builder birdLog(BirdLog value) {
            this.birdLog = Objects.requireNonNull(value, "birdLog");
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
            return new IdentifyBirdService(storage, inference, notifier, settings, recent, log, nanoTime, birdLog,
                    locator, choice);
        }
    }

    @Override
    public IdentificationResult identify(IdentifyImageCommand command) {
        Objects.requireNonNull(command, "command");
        IdentificationRules rules = rules(command.overrides());
        long start = nanoTime.getAsLong();
        StoredImage stored = fetch(command.image());
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

    private IdentificationResult run(StoredImage stored, IdentificationRules rules, boolean sendNotification, long start,
                                     long fetched) {
        ImageReference source = stored.reference();
        log(Level.INFO, "image.received", fields(source)
                .with("contentLength", stored.contentLength())
                .with("contentType", stored.contentType())
                .with("version", stored.version()));
        ImageChecks.check(source.key(), stored.image(), settings.maxImageBytes());

        Location location = locate(source, stored.image());
        Answer answer = classifyAndChoose(source, location, stored.image());
        ModelOutput output = answer.output();
        long inferred = nanoTime.getAsLong();
        Identification identification = rank(source, output, rules);

        // What is notified carries the time spent so far; what is returned adds the notification.
        IdentificationResult result = new IdentificationResult(source, stored.version(), stored.contentType(),
                stored.contentLength(), identification, output.modelId(),
                new Timings(millis(fetched - start), millis(inferred - fetched), millis(inferred - start)), null,
                new Located(location.locator(), answer.candidate().region(), location.windows()));
        IdentificationResult done = recorder == null
                ? notifyEveryPhoto(result, output, sendNotification)
                : recordAndNotify(result, output, sendNotification);
        keepThumbnail(done, stored.image());
        done = done.withTotalMillis(millis(nanoTime.getAsLong() - start));
        recent.record(done);
        return done;
    }

    /** Without a bird log: every photo with a bird (or any, if configured) is notified, as the workshop did. */
    private IdentificationResult notifyEveryPhoto(IdentificationResult result, ModelOutput output,
                                                  boolean sendNotification) {
        Identification identification = result.identification();
        boolean send = sendNotification && (identification.birdRecognised() || settings.notifyWhenNoBird());
        logIdentified(result, output, send, null);
        if (send) {
            publish(result);
        }
        return result;
    }

    /**
     * With a bird log: the policy decides (atomically with the history it decided on), the
     * sighting is saved, and people are told when the policy says so. A failed notification is
     * kept on the sighting (notified false, reason {@code notification failed: ...}) and still
     * raised.
     */
    private IdentificationResult recordAndNotify(IdentificationResult result, ModelOutput output,
                                                 boolean sendNotification) {
        RankedPrediction top = result.identification().top();
        SightingCandidate candidate = new SightingCandidate(
                top.scientificName() != null ? top.scientificName() : top.name(), top.name(),
                Math.min(1.0, top.probability()), top.bird());
        SightingRecorder.Decided decided;
        try {
            decided = recorder.decide(candidate, result.source(), result.identification().confident(),
                    sendNotification, result.located().region());
        } catch (FieldmarkException e) {
            logFailure(result.source(), "sighting.decide_failed", e);
            throw e;
        } catch (RuntimeException e) {
            StorageUnavailableException wrapped = new StorageUnavailableException(
                    "reading the bird log for '" + result.source().key() + "' failed unexpectedly: " + e, false, e);
            logFailure(result.source(), "sighting.decide_failed", wrapped);
            throw wrapped;
        }
        Decision decision = decided.decision();
        Sighting sighting = decided.sighting();
        logIdentified(result, output, decision.notified(), decision);
        IdentificationResult withSighting = result.withSighting(sighting);
        if (sighting == null) {
            if (decision.notified()) {
                publish(result);
            }
            return result;
        }
        if (!decision.notified()) {
            save(sighting, sighting, result.source());
            return withSighting;
        }
        try {
            publish(withSighting);
        } catch (FieldmarkException e) {
            Sighting failed = sighting.withNotification(false, "notification failed: " + e.getMessage());
            try {
                save(sighting, failed, result.source());
            } catch (FieldmarkException notSaved) {
                // Already logged; the notification's failure is the one the caller must see.
                e.addSuppressed(notSaved);
            }
            IdentificationResult undelivered = result.withSighting(failed);
            if (e instanceof NotificationFailedException notDelivered) {
                throw notDelivered.carrying(undelivered.toMap());
            }
            throw e;
        }
        save(sighting, sighting, result.source());
        return withSighting;
    }

    /**
     * The crop thumbnail beside the recorded sighting of a located bird. It only decorates the
     * list, so a failure is logged and the identification goes on.
     */
    private void keepThumbnail(IdentificationResult result, ImageBytes photo) {
        Region region = result.located().region();
        if (recorder == null || result.sighting() == null || region == null) {
            return;
        }
        try {
            recorder.saveThumbnail(result.sighting(), photo, region);
        } catch (FieldmarkException e) {
            logFailure(result.source(), "thumbnail.failed", e);
        } catch (RuntimeException e) {
            log(Level.WARNING, "thumbnail.failed", fields(result.source())
                    .with("sightingId", result.sighting().id())
                    .with("error", e.toString()));
        }
    }

    private void save(Sighting decided, Sighting done, ImageReference source) {
        try {
            recorder.save(decided, done);
        } catch (FieldmarkException e) {
            logFailure(source, "sighting.save_failed", e);
            throw e;
        } catch (RuntimeException e) {
            StorageUnavailableException wrapped = new StorageUnavailableException(
                    "saving the sighting of '" + source.key() + "' failed unexpectedly: " + e, false, e);
            logFailure(source, "sighting.save_failed", wrapped);
            throw wrapped;
        }
    }

    private void logIdentified(IdentificationResult result, ModelOutput output, boolean send, Decision decision) {
        Identification identification = result.identification();
        Fields fields = fields(result.source())
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
        log(Level.INFO, "image.identified", fields);
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

    private StoredImage fetch(ImageReference reference) {
        try {
            return Objects.requireNonNull(storage.fetch(reference), "storage returned no image");
        } catch (FieldmarkException e) {
            logFailure(reference, "image.fetch_failed", e);
            throw e;
        } catch (RuntimeException e) {
            StorageUnavailableException wrapped = new StorageUnavailableException(
                    "reading image '" + reference + "' failed unexpectedly: " + e, false, e);
            logFailure(reference, "image.fetch_failed", wrapped);
            throw wrapped;
        }
    }

    private Location locate(ImageReference source, ImageBytes image) {
        try {
            return Objects.requireNonNull(locator.locate(image), "locator returned no location");
        } catch (FieldmarkException e) {
            logFailure(source, "locate.failed", e);
            throw e;
        } catch (RuntimeException e) {
            InferenceFailedException wrapped = new InferenceFailedException(
                    "locating the bird in '" + source.key() + "' failed unexpectedly: " + e, false, e);
            logFailure(source, "locate.failed", wrapped);
            throw wrapped;
        }
    }

    /**
     * Classifies the candidates the locator did not (at most {@value #MAX_CROPS_CLASSIFIED} crops) and
     * lets the domain choose. No candidate (a locator sure there is no bird): the whole photo is
     * classified, as before locating, so the message stays what it was.
     */
    private Answer classifyAndChoose(ImageReference source, Location location, ImageBytes photo) {
        List<CandidateRegion> candidates = location.candidates();
        if (candidates.isEmpty()) {
            CandidateRegion whole = CandidateRegion.wholePhoto(photo);
            return new Answer(whole, infer(source, photo));
        }
        List<CandidateRegion> kept = new ArrayList<>(candidates.size());
        List<ModelOutput> outputs = new ArrayList<>(candidates.size());
        int crops = 0;
        for (CandidateRegion candidate : candidates) {
            if (candidate.output() != null) {
                kept.add(candidate);
                outputs.add(candidate.output());
            } else if (crops++ < MAX_CROPS_CLASSIFIED) {
                kept.add(candidate);
                outputs.add(infer(source, candidate.crop()));
            }
        }
        if (kept.size() == 1) {
            return new Answer(kept.get(0), outputs.get(0));
        }
        List<RegionScores> scores = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).region() == null) {
                InferenceFailedException wrong = new InferenceFailedException("locator '" + location.locator()
                        + "' returned a candidate without a region among " + kept.size() + " for '" + source.key()
                        + "'; only a lone whole photo may lack one", false);
                logFailure(source, "locate.failed", wrong);
                throw wrong;
            }
            scores.add(new RegionScores(kept.get(i).region(), outputs.get(i).probabilities()));
        }
        ChosenRegion chosen;
        try {
            chosen = choice.choose(scores, settings.catalog());
        } catch (ModelOutputException e) {
            InvalidModelOutputException wrapped = new InvalidModelOutputException(e.getMessage(), e);
            logFailure(source, "inference.invalid_output", wrapped);
            throw wrapped;
        }
        log(Level.DEBUG, "image.located", fields(source)
                .with("locator", location.locator())
                .with("windows", location.windows())
                .with("candidates", kept.size())
                .with("chosen", chosen.index())
                .with("reason", chosen.reason()));
        return new Answer(kept.get(chosen.index()), outputs.get(chosen.index()));
    }

    /** The candidate the identification is about and the model's answer for it. */
    private record Answer(CandidateRegion candidate, ModelOutput output) {
    }

    private ModelOutput infer(ImageReference source, ImageBytes image) {
        try {
            return Objects.requireNonNull(inference.infer(image), "model returned no output");
        } catch (FieldmarkException e) {
            logFailure(source, "inference.failed", e);
            throw e;
        } catch (ModelOutputException e) {
            InvalidModelOutputException wrapped = new InvalidModelOutputException(e.getMessage(), e);
            logFailure(source, "inference.failed", wrapped);
            throw wrapped;
        } catch (RuntimeException e) {
            InferenceFailedException wrapped = new InferenceFailedException(
                    "running the model on '" + source.key() + "' failed unexpectedly: " + e, false, e);
            logFailure(source, "inference.failed", wrapped);
            throw wrapped;
        }
    }

    private Identification rank(ImageReference source, ModelOutput output, IdentificationRules rules) {
        try {
            return rules.identify(source.key(), output.probabilities(), settings.catalog());
        } catch (ModelOutputException e) {
            InvalidModelOutputException wrapped = new InvalidModelOutputException(
                    e.getMessage() + " (model '" + output.modelId() + "')", e);
            logFailure(source, "inference.invalid_output", wrapped);
            throw wrapped;
        }
    }

    private void publish(IdentificationResult result) {
        try {
            notifier.publish(result);
        } catch (NotificationFailedException e) {
            // The identification travels with the failure, so the caller can still hand it out.
            NotificationFailedException carrying = e.carrying(result.toMap());
            logFailure(result.source(), "notification.failed", carrying);
            throw carrying;
        } catch (FieldmarkException e) {
            logFailure(result.source(), "notification.failed", e);
            throw e;
        } catch (RuntimeException e) {
            NotificationFailedException wrapped = new NotificationFailedException(
                    "notifying about '" + result.source().key() + "' failed: " + e, false, e)
                    .carrying(result.toMap());
            logFailure(result.source(), "notification.failed", wrapped);
            throw wrapped;
        }
    }

    private void logFailure(ImageReference source, String event, FieldmarkException e) {
        log(Level.WARNING, event, fields(source)
                .with("code", e.code().name())
                .with("retryable", e.retryable())
                .with("error", e.getMessage()));
    }

    private void log(Level level, String event, Fields fields) {
        if (log.isLoggable(level)) {
            log.log(level, new LogEvent(event, fields.map));
        }
    }

    private static Fields fields(ImageReference source) {
        return new Fields().with("bucket", source.bucket()).with("key", source.key());
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    private static final class Fields {
        private final Map<String, Object> map = new LinkedHashMap<>();

        Fields with(String name, Object value) {
            map.put(name, value);
            return this;
        }
    }
}
