package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ThumbnailPort;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.NotificationPolicy;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SightingCandidate;
import org.junit.jupiter.api.Test;

/** The recorder keeps where the bird was on its sighting, and the crop thumbnail beside it. */
class SightingRecorderTest {

    private static final Region BOX = new Region(512, 288, 256, 170, 1280, 720);
    private static final SightingCandidate SPARROW = new SightingCandidate("Passer domesticus", "House Sparrow", 0.9,
            true);
    private static final ImageBytes PHOTO = new ImageBytes(new byte[] {1, 2, 3}, "image/jpeg");

    private final InMemorySightingRepository repository = new InMemorySightingRepository();
    private final List<Region> cropped = new ArrayList<>();
    private final ThumbnailPort thumbnails = (photo, region) -> {
        cropped.add(region);
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) region.width()};
    };
    private final BirdLog log = BirdLog.of(NotificationPolicy.defaults(ZoneOffset.UTC), repository,
            MutableClock.at("2026-11-29T12:00:00Z"));

    @Test
    void aSightingCarriesTheRegionItWasDecidedWith() {
        SightingRecorder recorder = new SightingRecorder(log);

        Sighting located = recorder.decide(SPARROW, ImageReference.of("a.jpg"), true, true, BOX).sighting();
        Sighting unlocated = recorder.decide(SPARROW, ImageReference.of("b.jpg"), true, true, null).sighting();

        assertThat(located.region()).isEqualTo(BOX);
        assertThat(unlocated.region()).isNull();
        recorder.save(located, located.withNotification(false, "notification failed: test"));
        assertThat(repository.find(located.id())).get().extracting(Sighting::region).isEqualTo(BOX);
    }

    @Test
    void keepsTheCropThumbnailOfTheRegionBesideTheSavedSighting() {
        SightingRecorder recorder = new SightingRecorder(log.withThumbnails(thumbnails));
        Sighting sighting = recorder.decide(SPARROW, ImageReference.of("a.jpg"), true, true, BOX).sighting();
        recorder.save(sighting, sighting);

        assertThat(recorder.saveThumbnail(sighting, PHOTO, BOX)).isTrue();

        assertThat(cropped).containsExactly(BOX);
        assertThat(repository.thumbnail(sighting.id())).get().isEqualTo(new byte[] {(byte) 0xFF, (byte) 0xD8, 0});
    }

    @Test
    void aLogWithoutAThumbnailMakerKeepsNone() {
        SightingRecorder recorder = new SightingRecorder(log);
        Sighting sighting = recorder.decide(SPARROW, ImageReference.of("a.jpg"), true, true, BOX).sighting();
        recorder.save(sighting, sighting);

        assertThat(recorder.saveThumbnail(sighting, PHOTO, BOX)).isFalse();
        assertThat(repository.hasThumbnail(sighting.id())).isFalse();
    }

    @Test
    void passesTheMakersFailureOnForTheServiceToLog() {
        ThumbnailPort broken = (photo, region) -> {
            throw new UnsupportedImageException("not an image");
        };
        SightingRecorder recorder = new SightingRecorder(log.withThumbnails(broken));
        Sighting sighting = recorder.decide(SPARROW, ImageReference.of("a.jpg"), true, true, BOX).sighting();
        recorder.save(sighting, sighting);

        assertThatThrownBy(() -> recorder.saveThumbnail(sighting, PHOTO, BOX))
                .isInstanceOf(UnsupportedImageException.class);
        assertThat(repository.hasThumbnail(sighting.id())).isFalse();
    }
}
