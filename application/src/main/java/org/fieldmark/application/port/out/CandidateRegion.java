package org.fieldmark.application.port.out;

import java.util.Objects;
import org.fieldmark.domain.region.Region;

/**
 * One place in a photo where a bird may be.
 *
 * @param region the box, in the photo's pixels
 * @param score  the locator's own confidence that a bird is there, 0..1 (a detector's score, or the
 *               strongest bird probability a search saw); not a species probability
 * @param output the classifier's answer for this region when the locator already has it, else {@code null}
 * @param crop   the region's pixels encoded for the {@link InferencePort} when {@code output} is {@code null}
 *               (for the whole frame: the photo's own bytes, unchanged), else {@code null}
 */
public record CandidateRegion(Region region, double score, ModelOutput output, ImageBytes crop) {

    public CandidateRegion {
        Objects.requireNonNull(region, "region");
        if ((output == null) == (crop == null)) {
            throw new IllegalArgumentException("a candidate carries either the model's answer or the crop to classify");
        }
    }

    /** A region the locator already classified. */
    public static CandidateRegion classified(Region region, double score, ModelOutput output) {
        return new CandidateRegion(region, score, Objects.requireNonNull(output, "output"), null);
    }

    /** A region still to be classified from its encoded crop. */
    public static CandidateRegion toClassify(Region region, double score, ImageBytes crop) {
        return new CandidateRegion(region, score, null, Objects.requireNonNull(crop, "crop"));
    }
}
