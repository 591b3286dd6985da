package org.fieldmark.application.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.DailyDigest;
import org.fieldmark.domain.sighting.Sighting;

/** Builds identification results for notifier tests without running the service. */
public final class Results {

    private Results() {
    }

    /** The digest of 2026-11-29 in Berlin: House Sparrow 7, Northern Cardinal 4, Blue Jay 1. */
    public static DailyDigest digest() {
        return new DailyDigest(LocalDate.of(2026, 11, 29), ZoneId.of("Europe/Berlin"), List.of(
                new DailyDigest.SpeciesCount("Passer domesticus", "House Sparrow", 7),
                new DailyDigest.SpeciesCount("Cardinalis cardinalis", "Northern Cardinal", 4),
                new DailyDigest.SpeciesCount("Cyanocitta cristata", "Blue Jay", 1)), 12);
    }

    /**
     * {@link #workshop} with a bird-log entry: a sighting with id {@code sighting-1}, source
     * {@code feeder} and the given reason.
     */
    public static IdentificationResult withSighting(IdentificationResult result, boolean notified, String reason) {
        var top = result.identification().top();
        return result.withSighting(new Sighting("sighting-1", Instant.parse("2026-11-29T08:00:00Z"),
                result.source().key(), "feeder", top.scientificName() != null ? top.scientificName() : top.name(),
                top.name(), top.probability(), result.identification().confident(), notified, reason, null));
    }

    /** The bird of the located-bird tests: 256x170 at (512, 288) of a 1280x720 photo. */
    public static final org.fieldmark.domain.region.Region LOCATED =
            new org.fieldmark.domain.region.Region(512, 288, 256, 170, 1280, 720);

    /** {@code result} about the region {@link #LOCATED} (found by the search locator), its sighting (if any) too. */
    public static IdentificationResult located(IdentificationResult result) {
        IdentificationResult boxed = result.withLocated(new IdentificationResult.Located("search", LOCATED, 12));
        Sighting s = result.sighting();
        return s == null ? boxed : boxed.withSighting(new Sighting(s.id(), s.time(), s.sourceKey(), s.source(),
                s.scientificName(), s.displayName(), s.probability(), s.confident(), s.notified(), s.reason(),
                s.review(), LOCATED));
    }

    /** A result for {@code key} identified from {@code probabilities} with the workshop-4 catalog. */
    public static IdentificationResult workshop(String bucket, String key, double... probabilities) {
        return new IdentificationResult(new ImageReference(bucket, key), "etag-1", "image/jpeg", 1234,
                IdentificationRules.DEFAULT.identify(key, probabilities, SpeciesCatalog.WORKSHOP_4), "test-model",
                new IdentificationResult.Timings(1.0, 2.0, 3.5));
    }
}
