package org.fieldmark.application.service;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.sighting.Sighting;

/**
 * Records a Frigate event's guess once and keeps it current. Every guess of an event carries the
 * same photo (camera, event id) and {@link #VERSION}, so the event has one outbox entry: the first
 * guess recorded is decided by the policy and recorded with its deliveries (the event's one
 * notification); a later guess finds that entry and only replaces its sighting's species,
 * probability and region (time, notification, reason and a person's review stay). The entry lives
 * in the bird log's store, so a restart or a duplicate message finds it too.
 */
final class FrigateRecording {

    /** The version every snapshot of an event is recorded under: one outbox entry per event. */
    static final String VERSION = "frigate-event";

    private final SightingRecorder recorder;
    private final BirdLog birdLog;
    private final Deliverer deliverer;
    private final ServiceLog log;

    /** {@code birdLog} is {@code null} without a bird log: every identified bird is told, nothing kept. */
    FrigateRecording(OutboxPort outbox, BirdLog birdLog, IdentificationSettings settings, Clock clock,
                     Deliverer deliverer, ServiceLog log) {
        this.birdLog = birdLog;
        this.recorder = new SightingRecorder(outbox, birdLog != null ? SightingRecorder.policy(birdLog)
                : SightingRecorder.everyPhoto(settings), clock);
        this.deliverer = Objects.requireNonNull(deliverer, "deliverer");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Records {@code result} as its event's guess; the result with the event's sighting, when it has one. */
    Optional<IdentificationResult> record(IdentificationResult result) {
        SightingRecorder.Recorded recorded = stored(result, "recording the guess of",
                () -> recorder.record(result, true, deliverer::pendingForEveryChannel));
        if (recorded.fresh()) {
            IdentificationResult told = result.withSighting(recorded.decided().sighting());
            // A channel that fails is retried by the outbox's timer, like any photo's.
            deliverer.deliver(recorded.entry(), told, false);
            return Optional.of(told);
        }
        Sighting earlier = recorded.entry().sighting();
        if (earlier == null || birdLog == null) {
            return Optional.of(result);
        }
        RankedPrediction top = result.identification().top();
        Sighting replaced = new Sighting(earlier.id(), earlier.time(), earlier.sourceKey(), earlier.source(),
                top.scientificName() != null ? top.scientificName() : top.name(), top.name(),
                Math.min(1.0, top.probability()), result.identification().confident(), earlier.notified(),
                earlier.reason(), earlier.review(), result.located().region());
        stored(result, "replacing the guess of", () -> {
            birdLog.repository().replace(replaced);
            return replaced;
        });
        return Optional.of(result.withSighting(replaced));
    }

    private <T> T stored(IdentificationResult result, String doing, Supplier<T> step) {
        try {
            return step.get();
        } catch (FieldmarkException e) {
            log.failure(result.source(), "sighting.save_failed", e);
            throw e;
        } catch (RuntimeException e) {
            StorageUnavailableException wrapped = new StorageUnavailableException(doing + " Frigate event '"
                    + result.source().key() + "' in the bird log failed unexpectedly: " + e, false, e);
            log.failure(result.source(), "sighting.save_failed", wrapped);
            throw wrapped;
        }
    }
}
