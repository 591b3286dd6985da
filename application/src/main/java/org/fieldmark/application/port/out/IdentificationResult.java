package org.fieldmark.application.port.out;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param region         the part of the photo the identification is about, {@code null} when not located
 */
public record IdentificationResult(ImageReference source, String version, String contentType, long contentLength,
                                   Identification identification, String modelId, Timings timings,
                                   Sighting sighting, Region region) {

    public IdentificationResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(identification, "identification");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(timings, "timings");
        contentType = contentType == null ? "" : contentType;
    }

    /** A result without a bird-log entry. */
    public IdentificationResult(ImageReference source, String version, String contentType, long contentLength,
                                Identification identification, String modelId, Timings timings) {
        this(source, version, contentType, contentLength, identification, modelId, timings, null, null);
    }

    /** A result with a bird-log entry and no located region. */
    public IdentificationResult(ImageReference source, String version, String contentType, long contentLength,
                                Identification identification, String modelId, Timings timings, Sighting sighting) {
        this(source, version, contentType, contentLength, identification, modelId, timings, sighting, null);
    }

    /** This result with the bird-log entry recorded for it. */
    public IdentificationResult withSighting(Sighting recorded) {
        return new IdentificationResult(source, version, contentType, contentLength, identification, modelId, timings,
                recorded, region);
    }

    /** This result about {@code located}, the region of the photo the identification is about. */
    public IdentificationResult withRegion(Region located) {
        return new IdentificationResult(source, version, contentType, contentLength, identification, modelId, timings,
                sighting, located);
    }

    /** This result with another total time, e.g. once the notification is done. */
    public IdentificationResult withTotalMillis(double totalMillis) {
        return new IdentificationResult(source, version, contentType, contentLength, identification, modelId,
                new Timings(timings.fetchMillis(), timings.inferenceMillis(), totalMillis), sighting, region);
    }

    /** The message for people. */
    public String message() {
        return identification.message();
    }

    /**
     * Stable JSON-friendly shape: the identification's fields ({@link Identification#toMap()})
     * plus bucket, version, contentType, contentLength, modelId and timings in milliseconds; the
     * sighting and the region ({@link RegionMap}) when there are.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bucket", source.bucket());
        map.putAll(identification.toMap());
        map.put("version", version);
        map.put("contentType", contentType);
        map.put("contentLength", contentLength);
        map.put("modelId", modelId);
        map.put("timings", timings.toMap());
        if (sighting != null) {
            Map<String, Object> logged = new LinkedHashMap<>();
            logged.put("id", sighting.id());
            logged.put("source", sighting.source());
            logged.put("notified", sighting.notified());
            logged.put("reason", sighting.reason());
            map.put("sighting", logged);
        }
        if (region != null) {
            map.put("region", RegionMap.of(region));
        }
        return map;
    }

    /**
     * Milliseconds spent per step.
     *
     * @param fetchMillis     getting the image (0 when the bytes were handed in)
     * @param inferenceMillis running the model
     * @param totalMillis     the whole identification, notification included
     */
    public record Timings(double fetchMillis, double inferenceMillis, double totalMillis) {

        /** JSON-friendly shape: fetch, inference, total. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("fetch", fetchMillis);
            map.put("inference", inferenceMillis);
            map.put("total", totalMillis);
            return map;
        }
    }
}
