package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldmark.application.service.Feeder.SPARROW;

import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.port.out.ThumbnailPort;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedLocator;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.Test;

/** A located bird's sighting keeps where the bird is and a crop thumbnail of it; a thumbnail never fails a photo. */
class IdentifyLocatedBirdTest {

    private static final Region BOX = new Region(800, 300, 256, 192, 1280, 720);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};

    private final Feeder feeder = new Feeder();
    private final RecordingNotifier notifier = new RecordingNotifier();
    /** A detector that finds the bird at {@link #BOX}; its crop is the photo, so the scripted model still knows it. */
    private final ScriptedLocator detector = new ScriptedLocator(
            image -> new Location("detector", List.of(CandidateRegion.toClassify(BOX, 0.9, image)), 1));
    private final List<ImageBytes> photosCropped = new ArrayList<>();
    private final List<Region> regionsCropped = new ArrayList<>();

    private final ThumbnailPort thumbnails = (photo, region) -> {
        photosCropped.add(photo);
        regionsCropped.add(region);
        return JPEG.clone();
    };

    @Test
    void aLocatedBirdsSightingKeepsItsRegionAndACropOfTheFullPhoto() {
        ImageReference photo = feeder.photo(SPARROW, 0.94);

        IdentificationResult result = feeder.located(notifier, detector, thumbnails)
                .identify(IdentifyImageCommand.notifying(photo));

        assertThat(result.located()).isEqualTo(new IdentificationResult.Located("detector", BOX, 1));
        Sighting sighting = feeder.repository.find(result.sighting().id()).orElseThrow();
        assertThat(sighting.region()).isEqualTo(BOX);
        assertThat(result.sighting().region()).isEqualTo(BOX);
        assertThat(notifier.delivered()).singleElement()
                .satisfies(told -> assertThat(told.sighting().region()).isEqualTo(BOX));
        assertThat(regionsCropped).containsExactly(BOX);
        assertThat(photosCropped).singleElement().satisfies(cropped -> assertThat(cropped.bytes())
                .isEqualTo(feeder.storage.fetch(photo).image().bytes()));
        assertThat(feeder.repository.thumbnail(sighting.id())).hasValueSatisfying(kept ->
                assertThat(kept).isEqualTo(JPEG));
    }

    @Test
    void aThumbnailMakerThatFailsIsOnlyLoggedAndTheIdentificationSucceeds() {
        ThumbnailPort broken = (photo, region) -> {
            throw new UnsupportedImageException("the photo cannot be decoded for its thumbnail");
        };

        IdentificationResult result = feeder.located(notifier, detector, broken)
                .identify(IdentifyImageCommand.notifying(feeder.photo(SPARROW, 0.94)));

        assertThat(result.message()).contains("House Sparrow");
        assertThat(feeder.repository.find(result.sighting().id()).orElseThrow().region()).isEqualTo(BOX);
        assertThat(feeder.repository.hasThumbnail(result.sighting().id())).isFalse();
        assertThat(notifier.delivered()).hasSize(1);
        assertThat(feeder.log.texts()).anySatisfy(line -> assertThat(line)
                .contains("\"event\":\"thumbnail.failed\"", "cannot be decoded for its thumbnail"));
    }

    @Test
    void aThumbnailMakerThatThrowsAnythingElseIsOnlyLoggedToo() {
        ThumbnailPort buggy = (photo, region) -> {
            throw new IllegalStateException("out of scratch space");
        };

        IdentificationResult result = feeder.located(notifier, detector, buggy)
                .identify(IdentifyImageCommand.notifying(feeder.photo(SPARROW, 0.94)));

        assertThat(result.sighting()).isNotNull();
        assertThat(feeder.log.texts()).anySatisfy(line -> assertThat(line)
                .contains("\"event\":\"thumbnail.failed\"", "out of scratch space"));
    }
}
