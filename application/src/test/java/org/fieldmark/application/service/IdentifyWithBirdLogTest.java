package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldmark.application.service.Feeder.NOT_A_BIRD;
import static org.fieldmark.application.service.Feeder.SPARROW;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.domain.sighting.DailyDigest;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.Test;

/** The service with a bird log: what is recorded, what is told, and what the result carries. */
class IdentifyWithBirdLogTest {

    private final Feeder feeder = new Feeder();
    private final RecordingNotifier notifier = new RecordingNotifier();

    private List<Sighting> all() {
        return feeder.repository.between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void recordsTheSightingWithTheInjectedIdTimeAndSourceAndReturnsIt() {
        IdentificationResult result = feeder.identify(feeder.service(notifier), SPARROW, 0.94);

        Sighting sighting = result.sighting();
        assertThat(sighting).isEqualTo(feeder.repository.find("s1").orElseThrow());
        assertThat(sighting.time()).isEqualTo(Instant.parse("2026-11-29T07:00:00Z"));
        assertThat(sighting.source()).isEqualTo("feeder");
        assertThat(sighting.sourceKey()).isEqualTo("birds/photo-1.jpg");
        assertThat(sighting.scientificName()).isEqualTo(SPARROW);
        assertThat(sighting.displayName()).isEqualTo("House Sparrow");
        assertThat(sighting.confident()).isTrue();
        assertThat(sighting.notified()).isTrue();
        assertThat(notifier.delivered()).singleElement().satisfies(told -> assertThat(told.sighting()).isEqualTo(sighting));
        assertThat(sighting.id()).isEqualTo("s1");
        assertThat(sighting.reason()).isEqualTo("notified: Passer domesticus (0.94)");
    }

    @Test
    void usesTheConfiguredSourceNameWhenThereIsOne() {
        feeder.sourceName = "garden-cam";

        assertThat(feeder.identify(feeder.service(notifier), SPARROW, 0.94).sighting().source()).isEqualTo("garden-cam");
    }

    @Test
    void keepsNothingBelowTheRecordThresholdAndSaysSoInTheLog() {
        IdentificationResult result = feeder.identify(feeder.service(notifier), SPARROW, 0.21);

        assertThat(result.sighting()).isNull();
        assertThat(all()).isEmpty();
        assertThat(notifier.messages()).isEmpty();
        assertThat(feeder.log.texts()).anySatisfy(line -> assertThat(line).contains("\"event\":\"image.identified\"",
                "\"notify\":false", "\"recorded\":false",
                "\"reason\":\"not recorded: probability 0.21 below the record threshold 0.30\""));
    }

    @Test
    void recordsAnUnsureBirdWithoutTellingAnyone() {
        IdentificationResult result = feeder.identify(feeder.service(notifier), SPARROW, 0.5);

        assertThat(result.sighting().reason()).isEqualTo("suppressed: probability 0.50 not above the notify threshold 0.70");
        assertThat(all()).hasSize(1);
        assertThat(notifier.messages()).isEmpty();
    }

    @Test
    void neitherRecordsNorTellsAboutAPhotoWithoutABird() {
        IdentificationResult result = feeder.identify(feeder.service(notifier), NOT_A_BIRD, 0.99);

        assertThat(result.sighting()).isNull();
        assertThat(all()).isEmpty();
        assertThat(notifier.messages()).isEmpty();
    }

    @Test
    void tellsAboutAPhotoWithoutABirdWhenNotifyNoBirdIsOnButStillRecordsNothing() {
        feeder.notifyNoBird = true;

        IdentificationResult result = feeder.identify(feeder.service(notifier), NOT_A_BIRD, 0.99);

        assertThat(result.sighting()).isNull();
        assertThat(all()).isEmpty();
        assertThat(notifier.messages()).containsExactly("No bird recognised in [birds/photo-1.jpg]");
    }

    @Test
    void recordsButDoesNotTellWhenTheRequestAsksForNoNotification() {
        IdentifyBirdService service = feeder.service(notifier);

        IdentificationResult result = service.identify(new IdentifyImageCommand(feeder.photo(SPARROW, 0.94), false,
                RuleOverrides.NONE));

        assertThat(result.sighting().notified()).isFalse();
        assertThat(result.sighting().reason()).isEqualTo("suppressed: the request asked not to notify");
        assertThat(notifier.messages()).isEmpty();
    }

    @Test
    void keepsTheDecisionWithAPendingDeliveryWhenTheChannelFailsAndStillRaisesIt() {
        feeder.cooldownMinutes = 30;
        IdentifyBirdService service = feeder.service(notifier);
        notifier.failThrottled();

        assertThatThrownBy(() -> feeder.identify(service, SPARROW, 0.94))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    Sighting carried = e.identification(IdentificationResult.class).orElseThrow().sighting();
                    assertThat(carried.id()).isEqualTo("s1");
                    assertThat(carried.source()).isEqualTo("feeder");
                    assertThat(carried.notified()).isTrue();
                    assertThat(carried.reason()).isEqualTo("notified: Passer domesticus (0.94)");
                });
        assertThat(feeder.repository.find("s1").orElseThrow().notified()).isTrue();
        assertThat(service.outbox().deliveriesOf(List.of("s1")).get("s1")).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(Delivery.State.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).isEqualTo("channel throttled the publish");
        });

        // The decision started the cooldown: the next sparrow is not told, and the first one is
        // told once the channel is back and its delivery is due.
        notifier.heal();
        feeder.clock.advance(Duration.ofMinutes(1));
        assertThat(feeder.identify(service, SPARROW, 0.94).sighting().notified()).isFalse();
        assertThat(service.deliverDue()).isEqualTo(1);
        assertThat(service.deliverDue()).isZero();
        assertThat(notifier.messages()).containsExactly("Bird [birds/photo-1.jpg] is a: House Sparrow(0.94)");
        assertThat(service.outbox().deliveriesOf(List.of("s1")).get("s1")).singleElement()
                .extracting(Delivery::state, Delivery::attempts).containsExactly(Delivery.State.DELIVERED, 2);
    }

    @Test
    void twoPhotosAtOnceNeverBothPassACooldown() throws Exception {
        feeder.cooldownMinutes = 30;
        int photos = 8;
        CountDownLatch othersDone = new CountDownLatch(photos - 1);
        AtomicInteger told = new AtomicInteger();
        NotificationPort slow = new NotificationPort() {
            @Override
            public void publish(IdentificationResult result) {
                told.incrementAndGet();
                try {
                    // The first notification is still under way while every other photo is decided.
                    othersDone.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void publishDigest(DailyDigest digest) {
            }
        };
        IdentifyBirdService service = feeder.service(slow);
        List<IdentifyImageCommand> commands = java.util.stream.IntStream.range(0, photos)
                .mapToObj(i -> IdentifyImageCommand.notifying(feeder.photo(SPARROW, 0.94))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(photos);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IdentificationResult>> results = commands.stream().map(command -> pool.submit(() -> {
                start.await();
                IdentificationResult result = service.identify(command);
                if (!result.sighting().notified()) {
                    othersDone.countDown();
                }
                return result;
            })).toList();
            start.countDown();
            for (Future<IdentificationResult> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(told).hasValue(1);
        assertThat(all()).hasSize(photos).filteredOn(Sighting::notified).hasSize(1);
        assertThat(all()).filteredOn(s -> !s.notified()).allSatisfy(s -> assertThat(s.reason())
                .isEqualTo("suppressed: cooldown 30 min left for Passer domesticus"));
    }
}
