package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldmark.application.service.Feeder.JAY;
import static org.fieldmark.application.service.Feeder.SPARROW;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.FrigateOutcome;
import org.fieldmark.application.port.out.SubLabelPort;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.domain.frigate.FrigateEvent;
import org.fieldmark.domain.frigate.FrigateEvent.Type;
import org.fieldmark.domain.frigate.FrigateFilter;
import org.fieldmark.domain.frigate.SubLabelRule;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Frigate's events through the service: what is identified, recorded, told and written back, and when not. */
class FrigateEventServiceTest {

    private static final String CAMERA = "front_feeder";
    private static final String ID = "1700000000.123456-abc123";

    private final Feeder feeder = new Feeder();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final InMemoryOutbox outbox = new InMemoryOutbox(feeder.repository);
    private final List<String> written = new ArrayList<>();
    private RuntimeException subLabelFailure;
    private final SubLabelPort subLabels = (id, camera, name, score) -> {
        if (subLabelFailure != null) {
            throw subLabelFailure;
        }
        written.add(id + "|" + camera + "|" + name + "|" + score);
    };
    private FrigateSettings settings = new FrigateSettings(new FrigateFilter(Set.of("bird"), Set.of(),
            Set.of()), 3, new SubLabelRule(SubLabelRule.NameForm.COMMON), true);

    private FrigateEventService service() {
        return FrigateEventService.builder(feeder.storage, feeder.model(), Map.of("log", notifier), feeder.settings(),
                settings, outbox).birdLog(feeder.birdLog()).subLabels(subLabels).log(feeder.log).build();
    }

    private static FrigateEvent event(Type type, double topScore) {
        return new FrigateEvent(type, ID, CAMERA, "bird", null, topScore, false, true, List.of("feeder"),
                1_700_000_000.1, type == Type.END ? 1_700_000_030.0 : null);
    }

    private static FrigateEvent labelled(Type type, double topScore, FrigateEvent.SubLabel subLabel) {
        return new FrigateEvent(type, ID, CAMERA, "bird", subLabel, topScore, false, true, List.of(), 1.0, null);
    }

    private List<Sighting> sightings() {
        return feeder.repository.between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void aBirdEventIsIdentifiedRecordedWithItsCameraToldOnceAndLabelledInFrigate() {
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);

        FrigateOutcome outcome = service().handle(event(Type.NEW, 0.8));

        assertThat(outcome.kind()).isEqualTo(FrigateOutcome.Kind.IDENTIFIED);
        assertThat(sightings()).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(CAMERA);
            assertThat(s.sourceKey()).isEqualTo(ID);
            assertThat(s.scientificName()).isEqualTo(SPARROW);
            assertThat(s.notified()).isTrue();
        });
        assertThat(outcome.result().sighting()).isEqualTo(sightings().get(0));
        assertThat(notifier.messages()).containsExactly("Bird [" + ID + "] is a: House Sparrow(0.94)");
        assertThat(written).containsExactly(ID + "|" + CAMERA + "|House Sparrow|0.94");
        assertThat(outcome.subLabel()).isEqualTo("House Sparrow");
        assertThat(feeder.log.texts()).anySatisfy(line -> assertThat(line).contains(
                "\"event\":\"frigate.event_identified\"", "\"frigateEvent\":\"" + ID + "\"", "\"recorded\":true"));
    }

    static Stream<Arguments> eventsNotLookedAt() {
        return Stream.of(
                Arguments.of("a person", new FrigateEvent(Type.NEW, ID, CAMERA, "person", null, 0.9, false, true,
                        List.of("feeder"), 1.0, null), "label 'person'"),
                Arguments.of("a false positive", new FrigateEvent(Type.NEW, ID, CAMERA, "bird", null, 0.9, true, true,
                        List.of("feeder"), 1.0, null), "false positive"),
                Arguments.of("another camera", new FrigateEvent(Type.NEW, ID, "driveway", "bird", null, 0.9, false,
                        true, List.of("feeder"), 1.0, null), "camera 'driveway'"),
                Arguments.of("outside the zones", new FrigateEvent(Type.NEW, ID, CAMERA, "bird", null, 0.9, false,
                        true, List.of("lawn"), 1.0, null), "zones [lawn]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsNotLookedAt")
    void eventsOutsideTheFilterAreIgnoredWithoutFetchingAnything(String name, FrigateEvent event, String reason) {
        settings = new FrigateSettings(new FrigateFilter(Set.of("bird"), Set.of(CAMERA), Set.of("feeder")), 3,
                new SubLabelRule(SubLabelRule.NameForm.COMMON), true);
        feeder.snapshot(event.camera(), ID, SPARROW, 0.94);

        FrigateOutcome outcome = service().handle(event);

        assertThat(outcome.kind()).isEqualTo(FrigateOutcome.Kind.IGNORED);
        assertThat(outcome.reason()).contains(reason);
        assertThat(feeder.storage.fetches()).isZero();
        assertThat(sightings()).isEmpty();
        assertThat(notifier.messages()).isEmpty();
        assertThat(written).isEmpty();
    }

    @Test
    void anUpdateWithABetterScoreReplacesTheGuessOfTheEventWithoutTellingAgain() {
        FrigateEventService service = service();
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);
        service.handle(event(Type.NEW, 0.80));
        feeder.snapshot(CAMERA, ID, JAY, 0.97);

        FrigateOutcome outcome = service.handle(labelled(Type.UPDATE, 0.90,
                new FrigateEvent.SubLabel("House Sparrow", 0.94)));

        assertThat(outcome.kind()).isEqualTo(FrigateOutcome.Kind.IDENTIFIED);
        assertThat(sightings()).singleElement().satisfies(s -> {
            assertThat(s.scientificName()).isEqualTo(JAY);
            assertThat(s.probability()).isEqualTo(0.97);
            assertThat(s.notified()).as("the event's notification stays what it was").isTrue();
            assertThat(s.id()).isEqualTo("s1");
        });
        assertThat(notifier.messages()).hasSize(1);
        assertThat(written).containsExactly(ID + "|" + CAMERA + "|House Sparrow|0.94",
                ID + "|" + CAMERA + "|Blue Jay|0.97");
        assertThat(feeder.storage.fetches()).isEqualTo(2);
    }

    @Test
    void anUpdateWithoutABetterScoreIsNotIdentifiedAgain() {
        FrigateEventService service = service();
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);
        service.handle(event(Type.NEW, 0.80));
        feeder.snapshot(CAMERA, ID, JAY, 0.97);

        FrigateOutcome same = service.handle(event(Type.UPDATE, 0.80));
        FrigateOutcome worse = service.handle(event(Type.UPDATE, 0.70));

        assertThat(same.kind()).isEqualTo(FrigateOutcome.Kind.SKIPPED);
        assertThat(worse.kind()).isEqualTo(FrigateOutcome.Kind.SKIPPED);
        assertThat(worse.reason()).contains("not above");
        assertThat(feeder.storage.fetches()).isEqualTo(1);
        assertThat(sightings()).singleElement().extracting(Sighting::scientificName).isEqualTo(SPARROW);
    }

    @Test
    void theSameMessageDeliveredTwiceGivesOneSightingAndOneNotification() {
        FrigateEventService service = service();
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);

        service.handle(event(Type.NEW, 0.8));
        FrigateOutcome again = service.handle(event(Type.NEW, 0.8));

        assertThat(again.kind()).isEqualTo(FrigateOutcome.Kind.SKIPPED);
        assertThat(sightings()).hasSize(1);
        assertThat(notifier.messages()).hasSize(1);
        assertThat(written).hasSize(1);
    }

    @Test
    void aRestartMidEventFindsTheEventsSightingAndReplacesItInsteadOfAddingOne() {
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);
        service().handle(event(Type.NEW, 0.8));

        // A new service over the same store: the progress in memory is gone, the outbox is not.
        FrigateEventService restarted = service();
        restarted.handle(event(Type.NEW, 0.8));
        restarted.handle(event(Type.END, 0.8));

        assertThat(sightings()).hasSize(1);
        assertThat(notifier.messages()).hasSize(1);
    }

    @Test
    void anUnsureGuessWaitsForTheEndAndIsThenRecordedWithoutTellingAnyone() {
        FrigateEventService service = service();
        feeder.snapshot(CAMERA, ID, SPARROW, 0.5);

        FrigateOutcome early = service.handle(event(Type.NEW, 0.8));

        assertThat(early.kind()).isEqualTo(FrigateOutcome.Kind.IDENTIFIED);
        assertThat(sightings()).isEmpty();
        assertThat(written).as("unsure species are not written back").isEmpty();

        FrigateOutcome end = service.handle(event(Type.END, 0.8));

        assertThat(end.reason()).isEqualTo("final: no guess recorded yet");
        assertThat(sightings()).singleElement().satisfies(s -> {
            assertThat(s.notified()).isFalse();
            assertThat(s.reason()).startsWith("suppressed:");
        });
        assertThat(notifier.messages()).isEmpty();
    }

    @Test
    void anEventIsIdentifiedAtMostTheConfiguredNumberOfTimesBeforeItsEnd() {
        settings = new FrigateSettings(FrigateFilter.BIRDS, 2, new SubLabelRule(SubLabelRule.NameForm.COMMON), true);
        FrigateEventService service = service();
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);

        service.handle(event(Type.NEW, 0.70));
        service.handle(event(Type.UPDATE, 0.75));
        FrigateOutcome third = service.handle(event(Type.UPDATE, 0.80));
        FrigateOutcome end = service.handle(event(Type.END, 0.85));

        assertThat(third.kind()).isEqualTo(FrigateOutcome.Kind.SKIPPED);
        assertThat(third.reason()).contains("at most 2");
        assertThat(end.kind()).as("the end makes the final decision").isEqualTo(FrigateOutcome.Kind.IDENTIFIED);
        assertThat(feeder.storage.fetches()).isEqualTo(3);
    }

    @Test
    void aMissingSnapshotFailsTheEventWithAReasonAndIsNotTriedAgain() {
        FrigateEventService service = service();

        FrigateOutcome outcome = service.handle(event(Type.NEW, 0.8));
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);
        FrigateOutcome later = service.handle(event(Type.UPDATE, 0.9));

        assertThat(outcome.kind()).isEqualTo(FrigateOutcome.Kind.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.IMAGE_NOT_FOUND);
        assertThat(later.kind()).isEqualTo(FrigateOutcome.Kind.SKIPPED);
        assertThat(later.reason()).startsWith("failed earlier: IMAGE_NOT_FOUND");
        assertThat(sightings()).isEmpty();
        assertThat(feeder.log.texts()).anySatisfy(line -> assertThat(line).contains(
                "\"event\":\"frigate.event_failed\"", "\"code\":\"IMAGE_NOT_FOUND\"", "\"retryable\":false"));
    }

    @Test
    void aFailureForGoodIsKeptInTheOutboxSoARestartedServiceDoesNotFetchTheSnapshotAgain() {
        FrigateEventService before = service();
        before.handle(event(Type.NEW, 0.8));
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);

        // A new service over the same store: the progress in memory is gone, the outbox is not.
        FrigateEventService restarted = service();
        FrigateOutcome update = restarted.handle(event(Type.UPDATE, 0.9));
        FrigateOutcome end = restarted.handle(event(Type.END, 0.9));

        assertThat(before.failedForGood()).isEqualTo(1);
        assertThat(update.kind()).isEqualTo(FrigateOutcome.Kind.SKIPPED);
        assertThat(update.reason()).startsWith("failed earlier: IMAGE_NOT_FOUND");
        assertThat(end.kind()).isEqualTo(FrigateOutcome.Kind.SKIPPED);
        assertThat(sightings()).isEmpty();
        assertThat(notifier.messages()).isEmpty();
    }

    @Test
    void aFrigateThatIsDownLeavesTheEventToItsNextMessage() {
        FrigateEventService service = service();
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);
        feeder.storage.failWith(new StorageUnavailableException("Frigate is down", true));

        FrigateOutcome down = service.handle(event(Type.NEW, 0.8));
        feeder.storage.heal();
        FrigateOutcome back = service.handle(event(Type.UPDATE, 0.8));

        assertThat(down.kind()).isEqualTo(FrigateOutcome.Kind.FAILED);
        assertThat(down.error().retryable()).isTrue();
        assertThat(back.kind()).isEqualTo(FrigateOutcome.Kind.IDENTIFIED);
        assertThat(sightings()).hasSize(1);
    }

    @Test
    void aSnapshotThatIsNotAnImageFailsTheEventForGood() {
        feeder.storage.put(CAMERA, ID, "<html>login</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "image/jpeg");

        FrigateOutcome outcome = service().handle(event(Type.NEW, 0.8));

        assertThat(outcome.kind()).isEqualTo(FrigateOutcome.Kind.FAILED);
        assertThat(outcome.error().code()).isEqualTo(ErrorCode.UNSUPPORTED_IMAGE);
        assertThat(outcome.reason()).contains("not a JPEG, PNG or BMP");
        assertThat(sightings()).isEmpty();
    }

    @Test
    void aHigherScoringSubLabelInFrigateIsKept() {
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);

        FrigateOutcome outcome = service().handle(labelled(Type.NEW, 0.8, new FrigateEvent.SubLabel("Blue Jay", 0.99)));

        assertThat(outcome.kind()).isEqualTo(FrigateOutcome.Kind.IDENTIFIED);
        assertThat(outcome.subLabel()).isNull();
        assertThat(written).isEmpty();
        assertThat(sightings()).hasSize(1);
    }

    @Test
    void aFailedWriteBackIsLoggedAndTheSightingStays() {
        subLabelFailure = new NotificationFailedException("Frigate refused (HTTP 401)", false);
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);

        FrigateOutcome outcome = service().handle(event(Type.NEW, 0.8));

        assertThat(outcome.kind()).isEqualTo(FrigateOutcome.Kind.IDENTIFIED);
        assertThat(outcome.subLabel()).isNull();
        assertThat(sightings()).hasSize(1);
        assertThat(feeder.log.texts()).anySatisfy(line -> assertThat(line).contains(
                "\"event\":\"frigate.sub_label_failed\"", "HTTP 401"));
    }

    @Test
    void noSubLabelIsWrittenWhenWritingBackIsOff() {
        settings = new FrigateSettings(FrigateFilter.BIRDS, 3, new SubLabelRule(SubLabelRule.NameForm.BOTH), false);
        feeder.snapshot(CAMERA, ID, SPARROW, 0.94);

        service().handle(event(Type.NEW, 0.8));

        assertThat(written).isEmpty();
        assertThat(sightings()).hasSize(1);
    }
}
