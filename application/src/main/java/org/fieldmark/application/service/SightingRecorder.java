package org.fieldmark.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Decision;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SightingCandidate;

/**
 * Decides and records each photo once, the writing half of the outbox: under one lock it looks
 * the photo up (a retry finds what the first attempt recorded), decides who is told, and records
 * the sighting with one pending delivery per channel to tell, together. So within this process no
 * two photos decide on the same history (two photos of one species arriving together never both
 * pass a cooldown) and a photo is never recorded twice; the slow part (telling the channels) runs
 * outside the lock. Across processes (several Lambda containers) the store's conditional write of
 * the entry keeps one entry per photo.
 */
final class SightingRecorder {

    /** Who decides: the bird log's policy, or the workshop's "every photo with a bird". */
    interface Decider {

        /** The decision for {@code result} at {@code now}, and the sighting to record, if any. */
        Decided decide(IdentificationResult result, boolean mayNotify, Instant now);

        /** Keeps a crop of a recorded sighting's bird beside it; nothing when the log keeps none. */
        void keepThumbnail(Sighting recorded, ImageBytes photo, Region region);

        /** Keeps the photo of a recorded sighting in the photo store; nothing when the log keeps none. */
        void keepPhoto(Sighting recorded, ImageBytes photo);
    }

    /**
     * @param decision the policy's decision, {@code null} without a bird log
     * @param sighting the sighting to record, {@code null} when none is
     * @param tell     whether the channels are told
     */
    record Decided(Decision decision, Sighting sighting, boolean tell) {
    }

    /**
     * @param entry    the photo's outbox entry
     * @param decided  the decision just made; {@code null} when an earlier attempt had recorded the photo
     */
    record Recorded(OutboxEntry entry, Decided decided) {

        boolean fresh() {
            return decided != null;
        }
    }

    private final OutboxPort outbox;
    private final Decider decider;
    private final Clock clock;

    SightingRecorder(OutboxPort outbox, Decider decider, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The entry an earlier attempt recorded for this photo, if its version is known and one did. */
    Optional<OutboxEntry> recorded(ImageReference photo, String version) {
        if (version == null || version.isEmpty()) {
            return Optional.empty();
        }
        return outbox.find(OutboxEntry.idOf(photo, version));
    }

    /**
     * Decides for {@code result} and records it with a pending delivery per channel
     * {@code deliveries} makes, unless an earlier attempt at the same photo recorded it: then that
     * entry is returned and nothing is decided. A photo with neither a sighting nor anyone to tell
     * is not recorded (a later notifying request for it is a first).
     */
    synchronized Recorded record(IdentificationResult result, boolean mayNotify,
                                 Function<Instant, List<Delivery>> deliveries) {
        Optional<OutboxEntry> earlier = recorded(result.source(), result.version());
        if (earlier.isPresent()) {
            return new Recorded(earlier.get(), null);
        }
        Instant now = clock.instant();
        Decided decided = decider.decide(result, mayNotify, now);
        IdentificationResult told = result.withSighting(decided.sighting());
        String id = decided.sighting() != null && (result.version() == null || result.version().isEmpty())
                ? decided.sighting().id() : OutboxEntry.idOf(result.source(), result.version());
        OutboxEntry entry = new OutboxEntry(id, result.source(), result.version(), now, decided.sighting(),
                OutboxPayload.encode(told), decided.tell() ? deliveries.apply(now) : List.of());
        boolean worthKeeping = entry.sighting() != null || !entry.deliveries().isEmpty();
        if (worthKeeping && !outbox.record(entry)) {
            OutboxEntry first = outbox.find(id).orElseThrow(() -> new StorageUnavailableException("the outbox "
                    + "refused entry '" + id + "' as recorded already but does not hold it", true));
            return new Recorded(first, null);
        }
        return new Recorded(entry, decided);
    }

    /**
     * Makes the crop thumbnail of a recorded sighting and keeps it beside it. Outside the lock: it
     * decodes a photo.
     *
     * @throws RuntimeException whatever the thumbnail maker or the store raised
     */
    void keepThumbnail(Sighting recorded, ImageBytes photo, Region region) {
        decider.keepThumbnail(recorded, photo, region);
    }

    /**
     * Keeps the photo of a recorded sighting that has no other home. Outside the lock: it writes a file.
     *
     * @throws RuntimeException whatever the photo store raised
     */
    void keepPhoto(Sighting recorded, ImageBytes photo) {
        decider.keepPhoto(recorded, photo);
    }

    /** The bird log's notification policy decides what is recorded and who is told. */
    static Decider policy(BirdLog log) {
        return new Decider() {
            @Override
            public Decided decide(IdentificationResult result, boolean mayNotify, Instant now) {
                RankedPrediction top = result.identification().top();
                SightingCandidate candidate = new SightingCandidate(
                        top.scientificName() != null ? top.scientificName() : top.name(), top.name(),
                        Math.min(1.0, top.probability()), top.bird());
                Decision decision = log.policy().decide(candidate, log.repository(), now);
                if (decision.notified() && !mayNotify) {
                    decision = new Decision(decision.recorded(), false, "suppressed: the request asked not to notify");
                }
                Sighting sighting = !decision.recorded() ? null : new Sighting(log.ids().get(), now,
                        result.source().key(), log.sourceOf(result.source()), candidate.scientificName(),
                        candidate.displayName(), candidate.probability(), result.identification().confident(),
                        decision.notified(), decision.reason(), null, result.located().region());
                return new Decided(decision, sighting, decision.notified());
            }

            @Override
            public void keepThumbnail(Sighting recorded, ImageBytes photo, Region region) {
                if (log.thumbnails() == null) {
                    return;
                }
                byte[] jpeg = Objects.requireNonNull(log.thumbnails().thumbnail(photo, region), "no thumbnail made");
                log.repository().saveThumbnail(recorded.id(), jpeg);
            }

            @Override
            public void keepPhoto(Sighting recorded, ImageBytes photo) {
                log.photos().keep(recorded.id(), photo);
            }
        };
    }

    /** Without a bird log: every photo with a bird (or any, if configured) is told, as the workshop did. */
    static Decider everyPhoto(IdentificationSettings settings) {
        return new Decider() {
            @Override
            public Decided decide(IdentificationResult result, boolean mayNotify, Instant now) {
                boolean send = mayNotify && (result.identification().birdRecognised() || settings.notifyWhenNoBird());
                return new Decided(null, null, send);
            }

            @Override
            public void keepThumbnail(Sighting recorded, ImageBytes photo, Region region) {
                // no bird log, no sightings, no thumbnails
            }

            @Override
            public void keepPhoto(Sighting recorded, ImageBytes photo) {
                // no bird log, no sightings, no photos
            }
        };
    }
}
