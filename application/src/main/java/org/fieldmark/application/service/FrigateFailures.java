package org.fieldmark.application.service;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.OutboxPort;

/**
 * The Frigate events that failed for good (snapshot gone, token refused, not an image), kept in the
 * outbox so a restart remembers them: one entry per failed event under {@link #VERSION} (its own
 * id, beside the event's guess entry), with no sighting, no delivery, and the reason as its payload.
 * A later message of such an event finds it and is skipped instead of fetching the snapshot again.
 */
final class FrigateFailures {

    /** The version a failed event's marker entry is recorded under. */
    static final String VERSION = "frigate-failed";

    private final OutboxPort outbox;
    private final Clock clock;
    private final ServiceLog log;
    private final AtomicLong failed = new AtomicLong();

    FrigateFailures(OutboxPort outbox, Clock clock, ServiceLog log) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Why the event of {@code snapshot} failed for good, when it did (before or after a restart). */
    Optional<String> reason(ImageReference snapshot) {
        return outbox.find(OutboxEntry.idOf(snapshot, VERSION)).map(OutboxEntry::payload);
    }

    /**
     * Remembers that the event of {@code snapshot} failed for good; a store that cannot keep it is
     * logged ({@code frigate.failure_not_saved}) and the event is then remembered in memory only.
     */
    void record(ImageReference snapshot, String reason) {
        failed.incrementAndGet();
        try {
            outbox.record(new OutboxEntry(OutboxEntry.idOf(snapshot, VERSION), snapshot, VERSION, clock.instant(),
                    null, reason, List.of()));
        } catch (FieldmarkException | IllegalArgumentException e) {
            log.log(Level.WARNING, "frigate.failure_not_saved", ServiceLog.fields(snapshot)
                    .with("frigateEvent", snapshot.key()).with("reason", reason).with("error", e.getMessage()));
        }
    }

    /** Events that failed for good since the start. */
    long count() {
        return failed.get();
    }
}
