package org.fieldmark.application.service;

import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.IdentificationResult.Located;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ThumbnailPort;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.application.testing.Results;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.NotificationPolicy;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.Test;

/**
 * The recorder records each photo once, with the region on its sighting and a pending delivery
 * per channel, and keeps the crop thumbnail beside it.
 */
class SightingRecorderTest {

    private static final Region BOX = new Region(512, 288, 256, 170, 1280, 720);
    private static final ImageBytes PHOTO = new ImageBytes(new byte[] {1, 2, 3}, "image/jpeg");
    private static final Function<Instant, List<Delivery>> TWO_CHANNELS =
            now -> List.of(Delivery.pending("log", now), Delivery.pending("mqtt", now));

    private final InMemorySightingRepository repository = new InMemorySightingRepository();
    private final InMemoryOutbox outbox = new InMemoryOutbox(repository);
    private final MutableClock clock = MutableClock.at("2026-11-29T12:00:00Z");
    private final List<Region> cropped = new ArrayList<>();
    private final ThumbnailPort thumbnails = (photo, region) -> {
        cropped.add(region);
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) region.width()};
    };
    private final BirdLog log = BirdLog.of(NotificationPolicy.defaults(ZoneOffset.UTC), repository, clock);

    private static IdentificationResult sparrow(String key, String version, Region region) {
        IdentificationResult result = Results.workshop("", key, 0.02, 0.94, 0.03, 0.01);
        return new IdentificationResult(result.source(), version, result.contentType(), result.contentLength(),
                result.identification(), result.modelId(), result.timings(), null,
                new Located("search", region, region == null ? 0 : 9));
    }

    private SightingRecorder recorder(BirdLog birdLog) {
        return new SightingRecorder(outbox, SightingRecorder.policy(birdLog), clock);
    }

    @Test
    void recordsTheSightingWithItsRegionAndAPendingDeliveryPerChannel() {
        SightingRecorder recorder = recorder(log);

        SightingRecorder.Recorded located = recorder.record(sparrow("a.jpg", "v1", BOX), true, TWO_CHANNELS);
        SightingRecorder.Recorded unlocated = recorder.record(sparrow("b.jpg", "v1", null), true, TWO_CHANNELS);

        assertThat(located.fresh()).isTrue();
        assertThat(repository.find(located.entry().sighting().id())).get().extracting(Sighting::region).isEqualTo(BOX);
        assertThat(unlocated.entry().sighting().region()).isNull();
        assertThat(located.entry().deliveries()).extracting(Delivery::channel, Delivery::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("log", Delivery.State.PENDING),
                org.assertj.core.groups.Tuple.tuple("mqtt", Delivery.State.PENDING));
    }

    @Test
    void aSecondAttemptAtTheSamePhotoVersionFindsTheFirstAndDecidesNothing() {
        SightingRecorder recorder = recorder(log);
        SightingRecorder.Recorded first = recorder.record(sparrow("a.jpg", "v1", BOX), true, TWO_CHANNELS);

        SightingRecorder.Recorded again = recorder.record(sparrow("a.jpg", "v1", BOX), true, TWO_CHANNELS);
        SightingRecorder.Recorded changed = recorder.record(sparrow("a.jpg", "v2", BOX), true, TWO_CHANNELS);

        assertThat(again.fresh()).isFalse();
        assertThat(again.entry().id()).isEqualTo(first.entry().id());
        assertThat(changed.fresh()).isTrue();
        assertThat(repository.between(Instant.EPOCH, Instant.MAX)).hasSize(2);
    }

    @Test
    void anUploadWithoutAVersionIsANewPhotoEveryTime() {
        SightingRecorder recorder = recorder(log);

        recorder.record(sparrow("upload.jpg", null, BOX), true, TWO_CHANNELS);
        SightingRecorder.Recorded second = recorder.record(sparrow("upload.jpg", null, BOX), true, TWO_CHANNELS);

        assertThat(second.fresh()).isTrue();
        assertThat(repository.between(Instant.EPOCH, Instant.MAX)).hasSize(2);
    }

    @Test
    void keepsTheCropThumbnailOfTheRegionBesideTheRecordedSighting() {
        SightingRecorder recorder = recorder(log.withThumbnails(thumbnails));
        Sighting sighting = recorder.record(sparrow("a.jpg", "v1", BOX), true, TWO_CHANNELS).entry().sighting();

        recorder.keepThumbnail(sighting, PHOTO, BOX);

        assertThat(cropped).containsExactly(BOX);
        assertThat(repository.thumbnail(sighting.id())).get().isEqualTo(new byte[] {(byte) 0xFF, (byte) 0xD8, 0});
    }

    @Test
    void aLogWithoutAThumbnailMakerKeepsNone() {
        SightingRecorder recorder = recorder(log);
        Sighting sighting = recorder.record(sparrow("a.jpg", "v1", BOX), true, TWO_CHANNELS).entry().sighting();

        recorder.keepThumbnail(sighting, PHOTO, BOX);

        assertThat(repository.hasThumbnail(sighting.id())).isFalse();
    }

    @Test
    void passesTheMakersFailureOnForTheServiceToLog() {
        ThumbnailPort broken = (photo, region) -> {
            throw new UnsupportedImageException("not an image");
        };
        SightingRecorder recorder = recorder(log.withThumbnails(broken));
        Sighting sighting = recorder.record(sparrow("a.jpg", "v1", BOX), true, TWO_CHANNELS).entry().sighting();

        assertThatThrownBy(() -> recorder.keepThumbnail(sighting, PHOTO, BOX))
                .isInstanceOf(UnsupportedImageException.class);
        assertThat(repository.hasThumbnail(sighting.id())).isFalse();
    }

    @Test
    void withoutABirdLogNothingIsDecidedButAPhotoToTellIsStillRecordedOnce() {
        SightingRecorder recorder = new SightingRecorder(outbox, SightingRecorder.everyPhoto(
                IdentificationSettings.defaults(org.fieldmark.domain.SpeciesCatalog.WORKSHOP_4)), clock);

        SightingRecorder.Recorded first = recorder.record(sparrow("a.jpg", "v1", null), true, TWO_CHANNELS);

        assertThat(first.entry().sighting()).isNull();
        assertThat(first.entry().deliveries()).hasSize(2);
        assertThat(recorder.record(sparrow("a.jpg", "v1", null), true, TWO_CHANNELS).fresh()).isFalse();
    }
}
