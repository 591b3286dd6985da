package org.fieldmark.application.service;

import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.EventOutcome.Status;
import org.fieldmark.application.port.in.NewObjectEvent;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;

class IdentifyOnceServiceTest {

    private final InMemoryImageStorage storage = new InMemoryImageStorage();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final MutableClock clock = new MutableClock();
    private final InMemoryIdempotency claims = new InMemoryIdempotency(Duration.ofMinutes(5), clock, 100);
    private final RecordingLogger log = new RecordingLogger();
    private final ImageReference card = storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(64), "image/jpeg");
    private final NewObjectEvent event = new NewObjectEvent(card, "etag-1", "0055AED6DCD90281E5");

    private IdentifyOnceService service(IdempotencyPort port) {
        IdentifyBirdService identify = IdentifyBirdService.builder(storage,
                ScriptedInference.always(0.02, 0.94, 0.03, 0.01), notifier,
                IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4)).log(new RecordingLogger())
                .outbox(new InMemoryOutbox()).build();
        return new IdentifyOnceService(identify, port, log);
    }

    @Test
    void notifiesTheFirstDeliveryAndSkipsEveryLaterOne() {
        IdentifyOnceService service = service(claims);

        EventOutcome first = service.identifyOnce(event);
        EventOutcome second = service.identifyOnce(event);

        assertThat(first.status()).isEqualTo(Status.IDENTIFIED);
        assertThat(first.result().message()).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(second.status()).isEqualTo(Status.ALREADY_DONE);
        assertThat(notifier.messages()).hasSize(1);
        assertThat(storage.fetches()).isEqualTo(1);
    }

    @Test
    void identifiesANewUploadUnderTheSameKeyAgain() {
        IdentifyOnceService service = service(claims);

        service.identifyOnce(event);
        storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(64), "image/jpeg");
        EventOutcome upload = service.identifyOnce(new NewObjectEvent(card, "etag-2", "0055AED6DCD90281F0"));

        assertThat(upload.status()).isEqualTo(Status.IDENTIFIED);
        assertThat(notifier.messages()).hasSize(2);
    }

    @Test
    void notifiesWithTheDeliverysOwnRulesAndSkipsALaterDeliveryWithOtherRules() {
        IdentifyOnceService service = service(claims);

        EventOutcome first = service.identifyOnce(event, new RuleOverrides(0.99, 2));
        EventOutcome second = service.identifyOnce(event, new RuleOverrides(0.5, 1));

        assertThat(first.result().message())
                .isEqualTo("Bird [birds/card.jpg] may be a: Northern Cardinal(0.94), or American Goldfinch(0.03)");
        assertThat(second.status()).isEqualTo(Status.ALREADY_DONE);
        assertThat(notifier.messages()).containsExactly(first.result().message());
    }

    @Test
    void doesNothingForADeliveryWhileAnotherHoldsTheClaim() {
        claims.claim(event.key());

        EventOutcome outcome = service(claims).identifyOnce(event);

        assertThat(outcome.status()).isEqualTo(Status.IN_FLIGHT);
        assertThat(storage.fetches()).isZero();
        assertThat(notifier.messages()).isEmpty();
    }

    @Test
    void releasesTheClaimWhenTheNotificationFailsSoTheRetryNotifies() {
        IdentifyOnceService service = service(claims);
        notifier.failThrottled();

        EventOutcome failed = service.identifyOnce(event);
        notifier.heal();
        EventOutcome retried = service.identifyOnce(event);

        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().code()).isEqualTo(ErrorCode.NOTIFICATION_FAILED);
        assertThat(failed.error().retryable()).isTrue();
        assertThat(retried.status()).isEqualTo(Status.IDENTIFIED);
        assertThat(notifier.messages()).hasSize(1);
    }

    @Test
    void releasesTheClaimWhenTheImageCannotBeRead() {
        storage.failWith(new StorageUnavailableException("S3 is down", true, null));

        EventOutcome failed = service(claims).identifyOnce(event);

        assertThat(failed.error().code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(claims.claim(event.key())).isEqualTo(IdempotencyPort.Claim.FIRST_TIME);
    }

    @Test
    void reportsAStoreThatCannotBeClaimedInAsARetryableFailureWithoutIdentifying() {
        EventOutcome outcome = service(new Broken(true, false)).identifyOnce(event);

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.error().retryable()).isTrue();
        assertThat(storage.fetches()).isZero();
        assertThat(log.texts()).anySatisfy(line -> assertThat(line).contains("\"event\":\"idempotency.claim_failed\""));
    }

    @Test
    void countsTheDeliveryAsIdentifiedWhenOnlyMarkingItDoneFailsAndSaysSo() {
        EventOutcome outcome = service(new Broken(false, true)).identifyOnce(event);

        assertThat(outcome.status()).isEqualTo(Status.IDENTIFIED);
        assertThat(notifier.messages()).hasSize(1);
        assertThat(log.texts()).anySatisfy(line -> assertThat(line)
                .contains("\"event\":\"idempotency.complete_failed\"", "\"key\":\"birds/card.jpg\""));
    }

    @Test
    void aCrashBetweenNotifyAndCompleteLeavesTheClaimSoARedeliveryDoesNotNotifyUntilItTimesOut() {
        IdempotencyPort crashing = new Crashing(claims);
        assertThatThrownBy(() -> service(crashing).identifyOnce(event)).isInstanceOf(Crash.class);

        EventOutcome redelivered = service(claims).identifyOnce(event);
        clock.advance(Duration.ofMinutes(5));
        EventOutcome afterTheClaimTimeout = service(claims).identifyOnce(event);

        assertThat(redelivered.status()).isEqualTo(Status.IN_FLIGHT);
        assertThat(afterTheClaimTimeout.status()).isEqualTo(Status.IDENTIFIED);
        assertThat(notifier.messages()).as("at least once: the timed-out claim is taken over and notified again")
                .hasSize(2);
    }

    /** A port whose claim or complete fails as a store outage would. */
    private record Broken(boolean claimFails, boolean completeFails) implements IdempotencyPort {
        @Override
        public Claim claim(EventKey event) {
            if (claimFails) {
                throw new StorageUnavailableException("idempotency store is down", true, null);
            }
            return Claim.FIRST_TIME;
        }

        @Override
        public void complete(EventKey event) {
            if (completeFails) {
                throw new StorageUnavailableException("idempotency store is down", true, null);
            }
        }

        @Override
        public void release(EventKey event) {
        }
    }

    /** The process dies when it would mark the event done. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private record Crashing(IdempotencyPort inner) implements IdempotencyPort {
        @Override
        public Claim claim(EventKey event) {
            return inner.claim(event);
        }

        @Override
        public void complete(EventKey event) {
            throw new Crash();
        }

        @Override
        public void release(EventKey event) {
            inner.release(event);
        }
    }
}
