package org.fieldmark.application.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.FrigateEventsUseCase;
import org.fieldmark.application.port.in.FrigateOutcome;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.application.port.out.SubLabelPort;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.frigate.FrigateEvent;
import org.fieldmark.domain.frigate.FrigateProgress;
import org.fieldmark.domain.region.RegionChoice;

/**
 * Frigate's bird events through the photo's lifecycle ({@link FrigateEventsUseCase}). An event's
 * snapshot (the detector's crop, read through the Frigate {@link ImageStoragePort}: bucket = camera,
 * key = event id) is identified as {@link FrigateProgress} says; the guess is recorded through the
 * outbox ({@link FrigateRecording}) at the first confident identification, or at the {@code end}
 * whatever it is, so each event has one outbox entry, one sighting and one notification; a later
 * better guess replaces the sighting's species. A confident species is written back as Frigate's
 * sub label ({@link SubLabelPort}) unless Frigate holds a better one. A failure that no retry can
 * mend (the snapshot is gone, Frigate refused the token) ends the event's handling with a logged
 * reason; a retryable one (Frigate down) leaves the event to its next message.
 */
public final class FrigateEventService implements FrigateEventsUseCase {

    private final FrigateSettings frigate;
    private final IdentificationSettings settings;
    private final PhotoIdentifier identifier;
    private final FrigateRecording recording;
    private final SubLabelPort subLabels;
    private final FrigateProgressLog progress = new FrigateProgressLog();
    private final FrigateFailures failures;
    private final ServiceLog log;

    private FrigateEventService(Builder b) {
        this.frigate = b.frigate;
        this.settings = b.settings;
        this.log = new ServiceLog(b.log);
        this.identifier = new PhotoIdentifier(b.snapshots, b.inference, b.locator, b.choice, b.settings, log);
        Clock clock = b.birdLog != null ? b.birdLog.clock() : b.clock;
        this.recording = new FrigateRecording(b.outbox, b.birdLog, b.settings, clock,
                new Deliverer(b.channels, b.outbox, b.policy, clock, log), log);
        this.subLabels = b.subLabels;
        this.failures = new FrigateFailures(b.outbox, clock, log);
    }

    /** Events that failed for good (snapshot gone, token refused, not an image) since the start. */
    public long failedForGood() {
        return failures.count();
    }

    /**
     * A builder: snapshots, inference, channels (the same as the identification service's, by
     * name), settings and the outbox (the bird log's store) are required; no bird log (every
     * identified bird told once per event), the whole crop unlocated, no sub labels written unless set.
     */
    public static Builder builder(ImageStoragePort snapshots, InferencePort inference,
                                  Map<String, NotificationPort> channels, IdentificationSettings settings,
                                  FrigateSettings frigate, OutboxPort outbox) {
        return new Builder(snapshots, inference, channels, settings, frigate, outbox);
    }

    /** Collects the service's parts; see {@link #builder}. */
    public static final class Builder {
        private final ImageStoragePort snapshots;
        private final InferencePort inference;
        private final Map<String, NotificationPort> channels;
        private final IdentificationSettings settings;
        private final FrigateSettings frigate;
        private final OutboxPort outbox;
        private BirdLog birdLog;
        private BirdLocatorPort locator = BirdLocatorPort.unlocated();
        private RegionChoice choice = RegionChoice.DEFAULT;
        private SubLabelPort subLabels = (id, camera, name, score) -> { };
        private Logger log = System.getLogger(FrigateEventService.class.getName());
        private DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();

        private Builder(ImageStoragePort snapshots, InferencePort inference, Map<String, NotificationPort> channels,
                        IdentificationSettings settings, FrigateSettings frigate, OutboxPort outbox) {
            this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
            this.inference = Objects.requireNonNull(inference, "inference");
            this.channels = new LinkedHashMap<>(Objects.requireNonNull(channels, "channels"));
            this.settings = Objects.requireNonNull(settings, "settings");
            this.frigate = Objects.requireNonNull(frigate, "frigate");
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            if (this.channels.isEmpty()) {
                throw new IllegalArgumentException("a service needs at least one notification channel");
            }
        }

        /** The bird log whose policy decides and whose sightings carry the camera as their source. */
        public Builder birdLog(BirdLog value) {
            this.birdLog = Objects.requireNonNull(value, "birdLog").withSourceName(null);
            return this;
        }

        /** Where the bird is looked for in the crop (the crop is the bird already: unlocated by default). */
        public Builder locator(BirdLocatorPort value, RegionChoice regionChoice) {
            this.locator = Objects.requireNonNull(value, "locator");
            this.choice = Objects.requireNonNull(regionChoice, "regionChoice");
            return this;
        }

        /** Where confident species are written back, when {@link FrigateSettings#writeSubLabel()} says so. */
        public Builder subLabels(SubLabelPort value) {
            this.subLabels = Objects.requireNonNull(value, "subLabels");
            return this;
        }

        public Builder log(Logger value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        public Builder deliveryPolicy(DeliveryPolicy value) {
            this.policy = Objects.requireNonNull(value, "deliveryPolicy");
            return this;
        }

        /** The clock of deliveries without a bird log (with one, the log's clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public FrigateEventService build() {
            return new FrigateEventService(this);
        }
    }

    @Override
    public FrigateOutcome handle(FrigateEvent event) {
        Objects.requireNonNull(event, "event");
        ImageReference snapshot = new ImageReference(event.camera(), event.id());
        Optional<String> ignored = frigate.filter().ignored(event);
        if (ignored.isPresent()) {
            log.log(Level.DEBUG, "frigate.event_ignored", fields(snapshot, event).with("reason", ignored.get()));
            return FrigateOutcome.ignored(event.id(), ignored.get());
        }
        FrigateProgressLog.Entry before = progress.get(event.id());
        if (before.progress().equals(FrigateProgress.NONE)) {
            try {
                before = remembered(event.id(), snapshot, before);
            } catch (FieldmarkException e) {
                return failed(event, snapshot, before, e);
            }
        }
        FrigateProgress.Step step = before.progress().next(event, frigate.maxIdentifications());
        if (!step.identify()) {
            log.log(Level.DEBUG, "frigate.event_skipped", fields(snapshot, event).with("reason", step.reason()));
            return FrigateOutcome.skipped(event.id(), step.reason());
        }
        IdentificationResult result;
        try {
            result = identify(snapshot);
        } catch (FieldmarkException e) {
            return failed(event, snapshot, before, e);
        }
        boolean decisive = step.decisive() || result.identification().confident();
        Optional<IdentificationResult> recorded = Optional.empty();
        if (decisive) {
            try {
                recorded = recording.record(result);
            } catch (FieldmarkException e) {
                return failed(event, snapshot, before, e);
            }
        }
        String written = writeBack(event, snapshot, result, before.subLabel());
        progress.put(event.id(), new FrigateProgressLog.Entry(before.progress().identified(event, decisive),
                written != null ? written : before.subLabel()));
        log.log(Level.INFO, "frigate.event_identified", fields(snapshot, event)
                .with("reason", step.reason())
                .with("species", result.identification().top().name())
                .with("probability", result.identification().top().probability())
                .with("confident", result.identification().confident())
                .with("recorded", decisive)
                .with("subLabel", written));
        return new FrigateOutcome(event.id(), FrigateOutcome.Kind.IDENTIFIED, step.reason(),
                recorded.orElse(result), null, written);
    }

    /** {@code before}, or the event's failure when an earlier run of the server recorded one. */
    private FrigateProgressLog.Entry remembered(String eventId, ImageReference snapshot,
                                                FrigateProgressLog.Entry before) {
        Optional<String> failure = failures.reason(snapshot);
        if (failure.isEmpty()) {
            return before;
        }
        FrigateProgressLog.Entry entry = new FrigateProgressLog.Entry(before.progress().failed(failure.get()),
                before.subLabel());
        progress.put(eventId, entry);
        return entry;
    }

    private IdentificationResult identify(ImageReference snapshot) {
        StoredImage stored = identifier.fetch(snapshot);
        try {
            ImageChecks.check(snapshot.key(), stored.image(), settings.maxImageBytes());
        } catch (FieldmarkException e) {
            log.failure(snapshot, "image.rejected", e);
            throw e;
        }
        Location location = identifier.locate(snapshot, stored.image());
        PhotoIdentifier.Answer answer = identifier.classifyAndChoose(snapshot, location, stored.image());
        Identification identification = identifier.rank(snapshot, answer.output(), settings.rules());
        return new IdentificationResult(snapshot, FrigateRecording.VERSION, stored.contentType(),
                stored.contentLength(), identification, answer.output().modelId(),
                new IdentificationResult.Timings(0, 0, 0), null,
                new IdentificationResult.Located(location.locator(), answer.candidate().region(), location.windows()));
    }

    /** The sub label written, or {@code null} when none was (not confident, Frigate holds a better one, it failed). */
    private String writeBack(FrigateEvent event, ImageReference snapshot, IdentificationResult result,
                             String writtenBefore) {
        Identification identification = result.identification();
        if (!frigate.writeSubLabel() || !identification.confident() || !identification.birdRecognised()) {
            return null;
        }
        RankedPrediction top = identification.top();
        String name = frigate.subLabels().name(top.name(), top.scientificName());
        double score = Math.min(1.0, top.probability());
        Optional<String> keep = frigate.subLabels().keep(event.subLabel(), writtenBefore, name, score);
        if (keep.isPresent()) {
            log.log(Level.DEBUG, "frigate.sub_label_kept", fields(snapshot, event).with("reason", keep.get()));
            return null;
        }
        try {
            subLabels.writeSubLabel(event.id(), event.camera(), name, score);
            return name;
        } catch (FieldmarkException e) {
            log.failure(snapshot, "frigate.sub_label_failed", e);
            return null;
        } catch (RuntimeException e) {
            log.failure(snapshot, "frigate.sub_label_failed", new StorageUnavailableException(
                    "writing the sub label of event " + event.id() + " failed unexpectedly: " + e, false, e));
            return null;
        }
    }

    private FrigateOutcome failed(FrigateEvent event, ImageReference snapshot, FrigateProgressLog.Entry before,
                                  FieldmarkException e) {
        if (!e.retryable()) {
            // Another message of the event would fail the same way: the event is done, with a reason.
            String reason = e.code() + ": " + e.getMessage();
            progress.put(event.id(), new FrigateProgressLog.Entry(before.progress().failed(reason),
                    before.subLabel()));
            failures.record(snapshot, reason);
        }
        log.log(Level.WARNING, "frigate.event_failed", fields(snapshot, event)
                .with("code", e.code().name())
                .with("retryable", e.retryable())
                .with("error", e.getMessage()));
        return FrigateOutcome.failed(event.id(), e);
    }

    private static ServiceLog.Fields fields(ImageReference snapshot, FrigateEvent event) {
        return ServiceLog.fields(snapshot).with("frigateEvent", event.id()).with("type", event.type().text())
                .with("topScore", event.topScore());
    }
}
