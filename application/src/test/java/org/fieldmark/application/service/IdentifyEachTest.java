package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.RecordOutcome;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;

class IdentifyEachTest {

    @Test
    void identifiesEveryRecordAndKeepsGoingPastAFailure() {
        InMemoryImageStorage storage = new InMemoryImageStorage();
        ImageReference first = storage.put("feeder", "birds/1.jpg", ImageSamples.jpeg(64), "image/jpeg");
        ImageReference missing = new ImageReference("feeder", "birds/missing.jpg");
        ImageReference third = storage.put("feeder", "birds/3.jpg", ImageSamples.jpeg(64), "image/jpeg");
        RecordingNotifier notifier = new RecordingNotifier();
        RecentIdentifications recent = new RecentIdentifications();
        IdentifyBirdService service = IdentifyBirdService.builder(storage,
                ScriptedInference.always(0.02, 0.94, 0.03, 0.01), notifier,
                IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4)).recent(recent).log(new RecordingLogger())
                .outbox(new InMemoryOutbox()).build();

        List<RecordOutcome> outcomes = service.identifyEach(List.of(IdentifyImageCommand.notifying(first),
                IdentifyImageCommand.notifying(missing), IdentifyImageCommand.notifying(third)));

        assertThat(outcomes).extracting(RecordOutcome::image).containsExactly(first, missing, third);
        assertThat(outcomes).extracting(RecordOutcome::succeeded).containsExactly(true, false, true);
        assertThat(outcomes.get(1).failure()).get().satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_NOT_FOUND));
        assertThat(notifier.messages()).containsExactly("Bird [birds/1.jpg] is a: Northern Cardinal(0.94)",
                "Bird [birds/3.jpg] is a: Northern Cardinal(0.94)");
        assertThat(recent.recent(10)).extracting(r -> r.source().key()).containsExactly("birds/3.jpg", "birds/1.jpg");
    }
}
