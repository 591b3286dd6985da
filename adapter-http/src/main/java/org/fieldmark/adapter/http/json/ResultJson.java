package org.fieldmark.adapter.http.json;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.sighting.Sighting;

/**
 * The API's shape of an identification result, as {@code POST /v1/identify}, {@code /v1/classify},
 * {@code GET /v1/identifications}, the S3 event records and the webhook's body show it (see
 * docs/openapi.yaml). Keys keep the order written here; a field without a value is {@code null}.
 */
public final class ResultJson {

    private ResultJson() {
    }

    /**
     * {@code bucket}, the identification's fields ({@link #identification}), {@code version},
     * {@code contentType}, {@code contentLength}, {@code modelId}, {@code timings} in milliseconds
     * ({@link #timings}), where the bird was found ({@link #located}), then the bird log's
     * {@code sighting: {id, source, notified, reason}} when one was recorded.
     */
    public static Map<String, Object> of(IdentificationResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bucket", result.source().bucket());
        map.putAll(identification(result.identification()));
        map.put("version", result.version());
        map.put("contentType", result.contentType());
        map.put("contentLength", result.contentLength());
        map.put("modelId", result.modelId());
        map.put("timings", timings(result.timings()));
        map.putAll(located(result.located()));
        if (result.sighting() != null) {
            map.put("sighting", sighting(result.sighting()));
        }
        return map;
    }

    /**
     * {@code key}, {@code catalog}, {@code message}, {@code confident}, {@code birdRecognised},
     * {@code predictions} (each {@link #prediction}).
     */
    public static Map<String, Object> identification(Identification identification) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", identification.key());
        map.put("catalog", identification.catalog());
        map.put("message", identification.message());
        map.put("confident", identification.confident());
        map.put("birdRecognised", identification.birdRecognised());
        map.put("predictions", identification.predictions().stream().map(ResultJson::prediction).toList());
        return map;
    }

    /**
     * {@code rank}, {@code classIndex}, {@code label}, {@code scientificName} (may be null),
     * {@code bird}, {@code probability}.
     */
    public static Map<String, Object> prediction(RankedPrediction prediction) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rank", prediction.rank());
        map.put("classIndex", prediction.classIndex());
        map.put("label", prediction.name());
        map.put("scientificName", prediction.scientificName());
        map.put("bird", prediction.bird());
        map.put("probability", prediction.probability());
        return map;
    }

    /** {@code fetch}, {@code inference}, {@code total}, in milliseconds. */
    public static Map<String, Object> timings(IdentificationResult.Timings timings) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("fetch", timings.fetchMillis());
        map.put("inference", timings.inferenceMillis());
        map.put("total", timings.totalMillis());
        return map;
    }

    /**
     * {@code locator}, {@code windows}, and {@code region} ({@link RegionMap}); {@code region} is
     * {@code null} when the photo's size is unknown.
     */
    public static Map<String, Object> located(IdentificationResult.Located located) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("locator", located.locator());
        map.put("windows", located.windows());
        map.put("region", located.region() == null ? null : RegionMap.of(located.region()));
        return map;
    }

    private static Map<String, Object> sighting(Sighting sighting) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", sighting.id());
        map.put("source", sighting.source());
        map.put("notified", sighting.notified());
        map.put("reason", sighting.reason());
        return map;
    }
}
