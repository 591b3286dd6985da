package org.fieldmark.application.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Decision;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SightingCandidate;
import org.fieldmark.domain.sighting.SightingHistory;

/**
 * Decides and records sightings so that, within this process, no two photos decide on the same
 * history: a decision and its sighting are taken under one lock, and a sighting still waiting for
 * its notification counts in the history (as notified) until it is saved. Two photos of one
 * species arriving together thus never both pass a cooldown, and the slow part (the
 * notification) runs outside the lock. Across processes (several Lambda containers) the store's
 * own consistency is all there is.
 */
final class SightingRecorder {

    /** A decision for one photo and the sighting it will record, if any. */
    record Decided(Decision decision, Sighting sighting, Instant time) {
    }

    private final BirdLog log;
    private final List<Sighting> pending = new ArrayList<>();
    private final SightingHistory history = new PendingAndStored();

    SightingRecorder(BirdLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Decides for {@code candidate}; a sighting to record is held as pending until {@link #save}
     * or {@link #abandon}. {@code mayNotify} false (the request asked for no notification) turns a
     * notification into a suppression with that reason. The sighting carries {@code region}
     * (where the bird is; {@code null} when not located).
     */
    synchronized Decided decide(SightingCandidate candidate, ImageReference image, boolean confident,
                                boolean mayNotify, Region region) {
        Instant now = log.clock().instant();
        Decision decision = log.policy().decide(candidate, history, now);
        if (decision.notified() && !mayNotify) {
            decision = new Decision(decision.recorded(), false, "suppressed: the request asked not to notify");
        }
        if (!decision.recorded()) {
            return new Decided(decision, null, now);
        }
        Sighting sighting = new Sighting(log.ids().get(), now, image.key(), log.sourceOf(image),
                candidate.scientificName(), candidate.displayName(), candidate.probability(), confident,
                decision.notified(), decision.reason(), null, region);
        pending.add(sighting);
        return new Decided(decision, sighting, now);
    }

    /** Saves {@code done} (the pending sighting, maybe with its notification's outcome) and drops the pending one. */
    synchronized void save(Sighting decided, Sighting done) {
        try {
            log.repository().save(done);
        } finally {
            pending.remove(decided);
        }
    }

    /**
     * Makes the crop thumbnail of a saved sighting and keeps it beside it; {@code false} when the
     * log keeps no thumbnails. Outside the lock: it decodes a photo.
     *
     * @throws RuntimeException whatever the thumbnail maker or the store raised
     */
    boolean saveThumbnail(Sighting saved, ImageBytes photo, Region region) {
        if (log.thumbnails() == null) {
            return false;
        }
        byte[] jpeg = Objects.requireNonNull(log.thumbnails().thumbnail(photo, region), "no thumbnail made");
        log.repository().saveThumbnail(saved.id(), jpeg);
        return true;
    }

    /** Drops a pending sighting that will not be saved. */
    synchronized void abandon(Sighting decided) {
        pending.remove(decided);
    }

    /** The store's history plus what is decided but not saved yet. Only used under the lock. */
    private final class PendingAndStored implements SightingHistory {

        @Override
        public Optional<Instant> lastNotified(String scientificName, Instant since) {
            Optional<Instant> stored = log.repository().lastNotified(scientificName, since);
            Optional<Instant> waiting = pending.stream()
                    .filter(s -> s.notified() && s.isSpecies(scientificName) && !s.time().isBefore(since))
                    .map(Sighting::time).max(Instant::compareTo);
            if (stored.isEmpty()) {
                return waiting;
            }
            return waiting.isPresent() && waiting.get().isAfter(stored.get()) ? waiting : stored;
        }

        @Override
        public boolean recordedBefore(String scientificName, Instant before) {
            return pending.stream().anyMatch(s -> s.isSpecies(scientificName) && s.time().isBefore(before))
                    || log.repository().recordedBefore(scientificName, before);
        }

        @Override
        public boolean recordedBetween(String scientificName, Instant from, Instant toExclusive) {
            return pending.stream().anyMatch(s -> s.isSpecies(scientificName) && !s.time().isBefore(from)
                    && s.time().isBefore(toExclusive))
                    || log.repository().recordedBetween(scientificName, from, toExclusive);
        }
    }
}
