package org.fieldmark.bootstrap.server;

import io.vertx.core.Vertx;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.in.DailyDigestUseCase;

/**
 * Sends the daily digest at a local time of day: a one-shot Vert.x timer to the next run, which
 * re-arms itself for the day after. The next run is computed from the clock in the configured
 * zone, so days of 23 or 25 hours are handled: a time that does not exist that day (inside a
 * spring-forward gap) runs at the same offset after the gap, a time that exists twice runs once,
 * at its first occurrence. The digest itself runs on a worker thread, never the event loop. A
 * failed digest is logged as a warning (the notifier already said why) and the next day's is
 * still armed.
 */
final class DigestScheduler implements AutoCloseable {

    private static final Logger LOG = System.getLogger(DigestScheduler.class.getName());

    private final Vertx vertx;
    private final Clock clock;
    private final ZoneId zone;
    private final LocalTime at;
    private final DailyDigestUseCase digests;
    private volatile ZonedDateTime next;
    private volatile long timer = -1;
    private volatile boolean closed;

    DigestScheduler(Vertx vertx, Clock clock, ZoneId zone, LocalTime at, DailyDigestUseCase digests) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.at = Objects.requireNonNull(at, "at");
        this.digests = Objects.requireNonNull(digests, "digests");
    }

    /** Arms the timer for the first run after now. */
    DigestScheduler start() {
        arm(clock.instant());
        return this;
    }

    /** When the digest runs next. */
    ZonedDateTime next() {
        return next;
    }

    /**
     * The first run strictly after {@code after}: {@code at} on the local date of {@code after},
     * or on the next date when that has passed.
     */
    static ZonedDateTime nextRun(Instant after, LocalTime at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(after, zone);
        for (int i = 0; i < 3; i++) {
            ZonedDateTime candidate = ZonedDateTime.of(day.plusDays(i), at, zone);
            if (candidate.toInstant().isAfter(after)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no run within three days of " + after);
    }

    private synchronized void arm(Instant after) {
        if (closed) {
            return;
        }
        ZonedDateTime run = nextRun(after, at, zone);
        next = run;
        long delay = Math.max(1, Duration.between(clock.instant(), run.toInstant()).toMillis());
        timer = vertx.setTimer(delay, id -> vertx.executeBlocking(() -> {
            publish(run.toLocalDate());
            return null;
        }, false).onComplete(done -> arm(laterOf(run.toInstant(), clock.instant()))));
    }

    private static Instant laterOf(Instant a, Instant b) {
        // A timer that fires a little early must not run the same day twice.
        return a.isAfter(b) ? a : b;
    }

    private void publish(LocalDate date) {
        try {
            digests.publishDigest(date);
        } catch (FieldmarkException e) {
            LOG.log(Level.WARNING, "the digest of " + date + " was not sent (" + e.code() + "): " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the digest of " + date + " was not sent: " + e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
