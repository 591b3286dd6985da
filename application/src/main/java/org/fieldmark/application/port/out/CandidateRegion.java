package org.fieldmark.application.port.out;

import java.util.Objects;
import org.fieldmark.domain.region.Region;

/**
 * One place in a photo where a bird may be.
 *
 * @param region the box, in the photo's pixels; {@code null} only for {@link #wholePhoto(ImageBytes)}, the
 *               photo handed on unread because its size could not be read from its header (a remote model
 *               may still read what this process cannot; it is the judge of such bytes, as before locating)
 * @param score  the locator's own confidence that a bird is there, 0..1 (a detector's score, or the
 *               strongest bird probability a search saw); not a species probability
 * @param output the classifier's answer for this region when the locator already has it, else {@code null}
 * @param crop   the region's pixels encoded for the {@link InferencePort} when {@code output} is {@code null}
 *               (for the whole frame: the photo's own bytes, unchanged), else {@code null}
 */
public record CandidateRegion(Region region, double score, ModelOutput output, ImageBytes crop) {

    public CandidateRegion {
        if ((output == null) == (crop == null)) {
            throw new IllegalArgumentException("a candidate carries either the model's answer or the crop to classify");
        }
        if (region == null && output != null) {
            throw new IllegalArgumentException("a classified candidate needs its region");
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("a locator's score is between 0 and 1, got " + score);
        }
    }

    /** A region the locator already classified. */
    public static CandidateRegion classified(Region region, double score, ModelOutput output) {
        return new CandidateRegion(Objects.requireNonNull(region, "region"), score,
                Objects.requireNonNull(output, "output"), null);
    }

    /** A region still to be classified from its encoded crop. */
    public static CandidateRegion toClassify(Region region, double score, ImageBytes crop) {
        return new CandidateRegion(Objects.requireNonNull(region, "region"), score, null,
                Objects.requireNonNull(crop, "crop"));
    }

    /**
     * The whole photo, its size unknown: its bytes go to the {@link InferencePort} unchanged and the
     * result carries no region. What a locator answers when it cannot (or need not) read the photo.
     */
    public static CandidateRegion wholePhoto(ImageBytes photo) {
        return new CandidateRegion(null, 1.0, null, Objects.requireNonNull(photo, "photo"));
    }

    /** {@code true} when this candidate is the whole photo (of known size or not). */
    public boolean wholeFrame() {
        return region == null || region.isWholeFrame();
    }
}
