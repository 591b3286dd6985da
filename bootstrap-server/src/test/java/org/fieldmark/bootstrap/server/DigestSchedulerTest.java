package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.in.DailyDigestUseCase;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.domain.sighting.DailyDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DigestSchedulerTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** After an instant, the next run of a local time: ordinary days and both clock changes. */
    static Stream<Arguments> nextRuns() {
        return Stream.of(
                Arguments.of("later today", "2026-11-29T12:00:00Z", "20:00", "2026-11-29T20:00-05:00[America/New_York]"),
                Arguments.of("tomorrow once today's has passed", "2026-11-30T03:00:00Z", "20:00",
                        "2026-11-30T20:00-05:00[America/New_York]"),
                Arguments.of("never the run that just happened", "2026-11-30T01:00:00Z", "20:00",
                        "2026-11-30T20:00-05:00[America/New_York]"),
                Arguments.of("exactly at the run time means tomorrow", "2026-11-29T01:00:00Z", "20:00",
                        "2026-11-29T20:00-05:00[America/New_York]"),
                Arguments.of("a time inside the spring-forward gap runs just after it", "2026-03-08T05:00:00Z", "02:30",
                        "2026-03-08T03:30-04:00[America/New_York]"),
                Arguments.of("on the 23-hour day 20:00 is 23 hours after midnight's UTC day start",
                        "2026-03-08T06:00:00Z", "20:00", "2026-03-08T20:00-04:00[America/New_York]"),
                Arguments.of("a time that happens twice in autumn runs at its first occurrence", "2026-11-01T04:00:00Z",
                        "01:30", "2026-11-01T01:30-04:00[America/New_York]"),
                Arguments.of("and not again at its second", "2026-11-01T05:30:00Z", "01:30",
                        "2026-11-02T01:30-05:00[America/New_York]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nextRuns")
    void computesTheNextRunInLocalTime(String name, String after, String at, String expected) {
        assertThat(DigestScheduler.nextRun(Instant.parse(after), LocalTime.parse(at), NEW_YORK))
                .isEqualTo(ZonedDateTime.parse(expected));
    }

    /** Records the days it was asked for; the first one fails, like a channel that is down. */
    static final class Days implements DailyDigestUseCase {
        final List<LocalDate> asked = new CopyOnWriteArrayList<>();
        final CountDownLatch twice = new CountDownLatch(2);

        @Override
        public DailyDigest digest(LocalDate date) {
            return new DailyDigest(date, NEW_YORK, List.of(), 0);
        }

        @Override
        public DailyDigest publishDigest(LocalDate date) {
            asked.add(date);
            twice.countDown();
            if (asked.size() == 1) {
                throw new NotificationFailedException("receiver down", true);
            }
            return digest(date);
        }

        @Override
        public LocalDate today() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aTimerThatFiresBeforeTheClockReachesTheRunStillArmsTheNextDay() throws Exception {
        // The clock never moves: when the timer fires, it still says 19:59:59.950.
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:59:59.950Z"));
        Days days = new Days();
        Vertx vertx = Vertx.vertx();
        try (DigestScheduler scheduler = new DigestScheduler(vertx, clock, NEW_YORK, LocalTime.of(20, 0), days)) {
            scheduler.start();
            ZonedDateTime tomorrow = ZonedDateTime.parse("2026-11-30T20:00-05:00[America/New_York]");
            for (int i = 0; i < 300 && !tomorrow.equals(scheduler.next()); i++) {
                Thread.sleep(100);
            }

            assertThat(scheduler.next()).isEqualTo(tomorrow);
            assertThat(days.asked).containsExactly(LocalDate.of(2026, 11, 29));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sendsTheDigestAtTheTimeAndRearmsForTheNextDayEvenAfterAFailure() throws Exception {
        // A few milliseconds before 20:00 in New York; the clock then jumps to just before the next day's run.
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:59:59.950Z"));
        Days days = new Days();
        Vertx vertx = Vertx.vertx();
        try (DigestScheduler scheduler = new DigestScheduler(vertx, clock, NEW_YORK, LocalTime.of(20, 0), days)) {
            scheduler.start();
            assertThat(scheduler.next()).isEqualTo(ZonedDateTime.parse("2026-11-29T20:00-05:00[America/New_York]"));
            // The first timer fires early by the wall clock (50 ms): the next one must still be for the 30th.
            clock.set(Instant.parse("2026-12-01T00:59:59.950Z"));

            assertThat(days.twice.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(days.asked).containsExactly(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 30));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
