package org.fieldmark.application.service;

import java.lang.System.Logger.Level;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.domain.region.Region;

/**
 * What a recorded sighting keeps of its photo, after it is recorded: the photo itself when it has
 * no other home ({@link PhotoOrigin}) and the crop thumbnail of a located bird. Both only decorate
 * the log, so a failure is logged and the identification goes on.
 */
final class SightingPictures {

    private final SightingRecorder recorder;
    private final ServiceLog log;

    SightingPictures(SightingRecorder recorder, ServiceLog log) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Keeps what {@code result}'s sighting shows of {@code stored}; nothing without a sighting. */
    void keep(IdentificationResult result, StoredImage stored) {
        if (result.sighting() == null) {
            return;
        }
        if (PhotoOrigin.keptHere(stored.reference(), stored.version())) {
            guarded(result, "photo.keep_failed", () -> recorder.keepPhoto(result.sighting(), stored.image()));
        }
        Region region = result.located().region();
        if (region != null) {
            guarded(result, "thumbnail.failed", () -> recorder.keepThumbnail(result.sighting(), stored.image(),
                    region));
        }
    }

    private void guarded(IdentificationResult result, String event, Runnable step) {
        try {
            step.run();
        } catch (FieldmarkException e) {
            log.failure(result.source(), event, e);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, event, ServiceLog.fields(result.source())
                    .with("sightingId", result.sighting().id())
                    .with("error", e.toString()));
        }
    }
}
