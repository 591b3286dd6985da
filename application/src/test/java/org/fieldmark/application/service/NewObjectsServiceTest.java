package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.EventOutcome.Status;
import org.fieldmark.application.port.in.NewObjectEvent;
import org.fieldmark.application.port.in.NewObjectsCommand;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;

class NewObjectsServiceTest {

    private final InMemoryImageStorage storage = new InMemoryImageStorage();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final ImageReference card = storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(64), "image/jpeg");
    private final NewObjectEvent upload = new NewObjectEvent(card, "etag-1", "0055AED6DCD90281E5");
    private final NewObjectEvent anonymous = new NewObjectEvent(card, null, null);
    private final NewObjectsService service = service();

    private NewObjectsService service() {
        IdentifyBirdService identify = IdentifyBirdService.builder(storage,
                ScriptedInference.always(0.02, 0.94, 0.03, 0.01), notifier,
                IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4)).log(new RecordingLogger())
                .outbox(new InMemoryOutbox()).build();
        InMemoryIdempotency claims = new InMemoryIdempotency(Duration.ofMinutes(5), new MutableClock(), 100);
        return new NewObjectsService(identify, new IdentifyOnceService(identify, claims, new RecordingLogger()));
    }

    @Test
    void identifiesANotifyingUploadOnceHoweverOftenItIsDelivered() {
        List<EventOutcome> first = service.identifyNew(NewObjectsCommand.notifying(List.of(upload)));
        List<EventOutcome> again = service.identifyNew(NewObjectsCommand.notifying(List.of(upload, upload)));

        assertThat(first).extracting(EventOutcome::status).containsExactly(Status.IDENTIFIED);
        assertThat(first.get(0).result().message()).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(again).extracting(EventOutcome::status).containsExactly(Status.ALREADY_DONE, Status.ALREADY_DONE);
        assertThat(notifier.messages()).hasSize(1);
        assertThat(storage.fetches()).isEqualTo(1);
    }

    @Test
    void identifiesAnEventThatCannotTellItsUploadApartEveryTime() {
        List<EventOutcome> outcomes = service.identifyNew(NewObjectsCommand.notifying(List.of(anonymous, anonymous)));

        assertThat(outcomes).extracting(EventOutcome::status).containsExactly(Status.IDENTIFIED, Status.IDENTIFIED);
        assertThat(storage.fetches()).isEqualTo(2);
    }

    @Test
    void identifiesWithoutNotifyingOrClaimingWhenTheBatchDoesNotNotify() {
        List<EventOutcome> quiet = service.identifyNew(new NewObjectsCommand(List.of(upload, upload), false, null));
        List<EventOutcome> notifying = service.identifyNew(NewObjectsCommand.notifying(List.of(upload)));

        assertThat(quiet).extracting(EventOutcome::status).containsExactly(Status.IDENTIFIED, Status.IDENTIFIED);
        assertThat(notifying).extracting(EventOutcome::status).containsExactly(Status.IDENTIFIED);
        assertThat(notifier.messages()).hasSize(1);
        assertThat(storage.fetches()).isEqualTo(3);
    }

    @Test
    void reportsAFailingEventInItsPlaceAndGoesOnWithTheOthers() {
        NewObjectEvent gone = new NewObjectEvent(new ImageReference("feeder", "birds/gone.jpg"), "etag-9", "00AA");
        NewObjectEvent goneAnonymous = new NewObjectEvent(new ImageReference("feeder", "birds/gone.jpg"), "", "");

        List<EventOutcome> outcomes = service.identifyNew(NewObjectsCommand.notifying(List.of(gone, goneAnonymous, upload)));

        assertThat(outcomes).extracting(EventOutcome::event).containsExactly(gone, goneAnonymous, upload);
        assertThat(outcomes).extracting(EventOutcome::status)
                .containsExactly(Status.FAILED, Status.FAILED, Status.IDENTIFIED);
        assertThat(outcomes.get(0).error().code()).isEqualTo(ErrorCode.IMAGE_NOT_FOUND);
        assertThat(outcomes.get(1).error().code()).isEqualTo(ErrorCode.IMAGE_NOT_FOUND);
    }

    @Test
    void appliesTheBatchsOwnRulesOnBothPaths() {
        RuleOverrides two = new RuleOverrides(0.99, 2);

        List<EventOutcome> outcomes = service.identifyNew(new NewObjectsCommand(List.of(upload, anonymous), true, two));

        assertThat(outcomes).extracting(outcome -> outcome.result().message()).containsOnly(
                "Bird [birds/card.jpg] may be a: Northern Cardinal(0.94), or American Goldfinch(0.03)");
    }
}
