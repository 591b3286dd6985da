package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.ArchiveListener;
import org.fieldmark.application.port.in.ArchiveOutcome;
import org.fieldmark.application.port.in.ArchiveSummary;
import org.fieldmark.application.port.in.IdentifyArchiveCommand;
import org.fieldmark.application.port.out.ArchivedPhoto;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.PhotoArchivePort;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;

/** The archive use case over fakes: skips, copies once, failures that do not stop the others. */
class IdentifyArchiveServiceTest {

    private final InMemoryImageStorage storage = new InMemoryImageStorage();
    private final ScriptedInference model = ScriptedInference.always(0.02, 0.94, 0.03, 0.01);
    private final RecordingNotifier notifier = new RecordingNotifier();

    /** The content of each photo as its digest: equal bytes, equal digests; a missing photo is not found. */
    private final PhotoArchivePort archive = photo -> {
        byte[] bytes = storage.fetch(photo).image().bytes();
        return new ArchivedPhoto(HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 32))
                + Arrays.hashCode(bytes), Instant.EPOCH, "file");
    };

    private IdentifyArchiveService service() {
        return new IdentifyArchiveService(IdentifyBirdService.builder(storage, model, notifier,
                IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4)).log(new RecordingLogger())
                .outbox(new InMemoryOutbox()).build(), archive);
    }

    private static final class Heard implements ArchiveListener {
        final List<ArchiveOutcome> outcomes = new ArrayList<>();
        int toIdentify = -1;
        int skipped = -1;

        @Override
        public void started(int toIdentify, int skipped) {
            this.toIdentify = toIdentify;
            this.skipped = skipped;
        }

        @Override
        public void finished(ArchiveOutcome outcome) {
            outcomes.add(outcome);
        }
    }

    @Test
    void skipsWhatIsDoneIdentifiesEachContentOnceAndKeepsGoingPastAFailure() {
        byte[] jpeg = ImageSamples.jpeg(64);
        ImageReference first = storage.put("", "2019/a.jpg", jpeg, "image/jpeg");
        ImageReference copy = storage.put("", "2020/a copy.jpg", jpeg.clone(), "image/jpeg");
        ImageReference missing = ImageReference.of("2020/gone.jpg");
        ImageReference done = storage.put("", "2018/done.jpg", ImageSamples.jpeg(32), "image/jpeg");
        Heard heard = new Heard();

        ArchiveSummary summary = service().identifyAll(new IdentifyArchiveCommand(List.of(done, first, copy, missing),
                Set.of(done), 1, null), heard);

        assertThat(heard.toIdentify).isEqualTo(3);
        assertThat(heard.skipped).isEqualTo(1);
        assertThat(heard.outcomes).extracting(ArchiveOutcome::photo).containsExactly(first, copy, missing);
        assertThat(heard.outcomes.get(0).duplicateOf()).isNull();
        assertThat(heard.outcomes.get(1).duplicateOf()).isEqualTo(first);
        assertThat(heard.outcomes.get(1).result().message()).isEqualTo("Bird [2020/a copy.jpg] is a: Northern Cardinal(0.94)");
        assertThat(heard.outcomes.get(1).result().source()).isEqualTo(copy);
        assertThat(heard.outcomes.get(2).failure().code()).isEqualTo(ErrorCode.IMAGE_NOT_FOUND);
        assertThat(model.seen()).as("the model sees each content once").hasSize(1);
        assertThat(notifier.messages()).as("an archive never notifies").isEmpty();
        assertThat(summary).isEqualTo(new ArchiveSummary(2, 1, 1, List.of(heard.outcomes.get(2))));
    }

    @Test
    void aCopyOfAPhotoThatFailedIsTriedOnItsOwnAndFailsInItsOwnWords() {
        ImageReference first = storage.put("", "a.jpg", "not a photo".getBytes(), "image/jpeg");
        ImageReference copy = storage.put("", "b.jpg", "not a photo".getBytes(), "image/jpeg");

        ArchiveSummary summary = service().identifyAll(new IdentifyArchiveCommand(List.of(first, copy), Set.of(), 2,
                null), outcome -> { });

        assertThat(summary.failed()).extracting(ArchiveOutcome::photo).containsExactly(first, copy);
        assertThat(summary.failed().get(1).failure().getMessage()).contains("'b.jpg'");
        assertThat(summary.failed()).allSatisfy(o -> assertThat(o.failure().code()).isEqualTo(ErrorCode.UNSUPPORTED_IMAGE));
    }

    @Test
    void refusesFewerThanOneWorker() {
        assertThatThrownBy(() -> new IdentifyArchiveCommand(List.of(), Set.of(), 0, null))
                .isInstanceOf(InvalidRequestException.class).hasMessage("workers must be at least 1, got 0");
    }

    @Test
    void aPhotoTheArchiveCannotInspectFails() {
        ImageReference gone = ImageReference.of("gone.jpg");
        IdentifyArchiveService service = new IdentifyArchiveService(IdentifyBirdService.builder(storage, model,
                notifier, IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4)).log(new RecordingLogger())
                .outbox(new InMemoryOutbox()).build(), photo -> {
                    throw new ImageNotFoundException("no file at 'gone.jpg'");
                });

        ArchiveSummary summary = service.identifyAll(new IdentifyArchiveCommand(List.of(gone), Set.of(), 1, null),
                outcome -> { });

        assertThat(summary.failed()).singleElement().satisfies(o -> assertThat(o.failure().getMessage())
                .isEqualTo("no file at 'gone.jpg'"));
        assertThat(model.seen()).isEmpty();
    }
}
