package org.fieldmark.application.port.out;

import java.util.Objects;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Sighting;

/**
 * One identified image: where it came from, what the model said, and how long each step took.
 * This is what use cases return and what notifications carry.
 *
 * @param source         where the image came from
 * @param version        the image's version id or ETag, {@code null} when unknown
 * @param contentType    the image's declared content type, empty when none
 * @param contentLength  the image's size in bytes
 * @param identification ranked predictions and the message
 * @param modelId        which model answered
 * @param timings        how long each step took
 * @param sighting       the bird-log entry recorded for it, with the notification policy's decision;
 *                       {@code null} when no log is kept or nothing was recorded
 * @param located        which part of the photo the identification is about and which locator found it
 */
public record IdentificationResult(ImageReference source, String version, String contentType, long contentLength,
                                   Identification identification, String modelId, Timings timings,
                                   Sighting sighting, Located located) {

    public IdentificationResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(identification, "identification");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(located, "located");
        contentType = contentType == null ? "" : contentType;
    }

    /** A result about the whole photo, unlocated ({@link Located#UNLOCATED}), with a bird-log entry. */
    public IdentificationResult(ImageReference source, String version, String contentType, long contentLength,
                                Identification identification, String modelId, Timings timings, Sighting sighting) {
        this(source, version, contentType, contentLength, identification, modelId, timings, sighting,
                Located.UNLOCATED);
    }

    /** A result about the whole photo, unlocated, without a bird-log entry. */
    public IdentificationResult(ImageReference source, String version, String contentType, long contentLength,
                                Identification identification, String modelId, Timings timings) {
        this(source, version, contentType, contentLength, identification, modelId, timings, null);
    }

    /** This result with the bird-log entry recorded for it. */
    public IdentificationResult withSighting(Sighting recorded) {
        return new IdentificationResult(source, version, contentType, contentLength, identification, modelId, timings,
                recorded, located);
    }

    /** This result with another total time, e.g. once the notification is done. */
    public IdentificationResult withTotalMillis(double totalMillis) {
        return new IdentificationResult(source, version, contentType, contentLength, identification, modelId,
                new Timings(timings.fetchMillis(), timings.inferenceMillis(), totalMillis), sighting, located);
    }

    /** This result about another part of the photo. */
    public IdentificationResult withLocated(Located where) {
        return new IdentificationResult(source, version, contentType, contentLength, identification, modelId, timings,
                sighting, where);
    }

    /** The message for people. */
    public String message() {
        return identification.message();
    }

    /**
     * Milliseconds spent per step.
     *
     * @param fetchMillis     getting the image (0 when the bytes were handed in)
     * @param inferenceMillis running the model
     * @param totalMillis     the whole identification, notification included
     */
    public record Timings(double fetchMillis, double inferenceMillis, double totalMillis) {
    }

    /**
     * Which part of the photo the identification is about.
     *
     * @param locator the locator that found it ({@code whole}, {@code search}, {@code detector})
     * @param region  the chosen box, in the photo's pixels; {@code null} when the photo's size is unknown
     *                (the whole photo went to the model unread)
     * @param windows how many windows the locator scored with a model, its cost (0 for the whole frame)
     */
    public record Located(String locator, Region region, int windows) {

        /** The whole photo, its size unknown, as before birds were located. */
        public static final Located UNLOCATED = new Located("whole", null, 0);

        public Located {
            Objects.requireNonNull(locator, "locator");
            if (windows < 0) {
                throw new IllegalArgumentException("windows must not be negative, got " + windows);
            }
        }

        /** {@code true} when the identification is about the whole photo. */
        public boolean wholeFrame() {
            return region == null || region.isWholeFrame();
        }
    }
}
