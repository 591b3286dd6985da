package org.fieldmark.application.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.IdentificationResult.Located;
import org.fieldmark.application.port.out.IdentificationResult.Timings;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Sighting;

/**
 * What the outbox keeps so that a channel can be told after a restart: the whole identification
 * (an upload cannot be fetched again, and identifying a photo twice is what the outbox prevents),
 * as {@code java.util.Properties} text, which every store keeps as an opaque string. Doubles are
 * written with {@link Double#toString}, so they come back exactly.
 */
final class OutboxPayload {

    private OutboxPayload() {
    }

    static String encode(IdentificationResult result) {
        Properties p = new Properties();
        put(p, "bucket", result.source().bucket());
        put(p, "key", result.source().key());
        put(p, "version", result.version());
        put(p, "contentType", result.contentType());
        put(p, "contentLength", result.contentLength());
        put(p, "modelId", result.modelId());
        put(p, "timings.fetch", result.timings().fetchMillis());
        put(p, "timings.inference", result.timings().inferenceMillis());
        put(p, "timings.total", result.timings().totalMillis());
        Identification identification = result.identification();
        put(p, "identification.key", identification.key());
        put(p, "identification.catalog", identification.catalog());
        put(p, "identification.confident", identification.confident());
        put(p, "identification.message", identification.message());
        put(p, "predictions", identification.predictions().size());
        for (int i = 0; i < identification.predictions().size(); i++) {
            RankedPrediction prediction = identification.predictions().get(i);
            String at = "prediction." + i + ".";
            put(p, at + "rank", prediction.rank());
            put(p, at + "classIndex", prediction.classIndex());
            put(p, at + "name", prediction.name());
            put(p, at + "scientificName", prediction.scientificName());
            put(p, at + "bird", prediction.bird());
            put(p, at + "probability", prediction.probability());
        }
        put(p, "located.locator", result.located().locator());
        put(p, "located.windows", result.located().windows());
        Region region = result.located().region();
        if (region != null) {
            put(p, "region", region.x() + "," + region.y() + "," + region.width() + "," + region.height() + ","
                    + region.imageWidth() + "," + region.imageHeight());
        }
        Sighting sighting = result.sighting();
        if (sighting != null) {
            put(p, "sighting.id", sighting.id());
            put(p, "sighting.time", sighting.time());
            put(p, "sighting.sourceKey", sighting.sourceKey());
            put(p, "sighting.source", sighting.source());
            put(p, "sighting.scientificName", sighting.scientificName());
            put(p, "sighting.displayName", sighting.displayName());
            put(p, "sighting.probability", sighting.probability());
            put(p, "sighting.confident", sighting.confident());
            put(p, "sighting.notified", sighting.notified());
            put(p, "sighting.reason", sighting.reason());
        }
        StringWriter text = new StringWriter();
        try {
            p.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The identification {@link #encode} wrote.
     *
     * @throws StorageUnavailableException when the text is not such a payload (a damaged store)
     */
    static IdentificationResult decode(String entryId, String payload) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(payload));
            int count = Integer.parseInt(get(p, "predictions"));
            List<RankedPrediction> predictions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String at = "prediction." + i + ".";
                predictions.add(new RankedPrediction(Integer.parseInt(get(p, at + "rank")),
                        Integer.parseInt(get(p, at + "classIndex")), get(p, at + "name"),
                        p.getProperty(at + "scientificName"), Boolean.parseBoolean(get(p, at + "bird")),
                        Double.parseDouble(get(p, at + "probability"))));
            }
            Identification identification = new Identification(get(p, "identification.key"),
                    get(p, "identification.catalog"), predictions,
                    Boolean.parseBoolean(get(p, "identification.confident")), get(p, "identification.message"));
            Region region = region(p.getProperty("region"));
            Located located = new Located(get(p, "located.locator"), region,
                    Integer.parseInt(get(p, "located.windows")));
            Timings timings = new Timings(Double.parseDouble(get(p, "timings.fetch")),
                    Double.parseDouble(get(p, "timings.inference")), Double.parseDouble(get(p, "timings.total")));
            return new IdentificationResult(new ImageReference(get(p, "bucket"), get(p, "key")),
                    p.getProperty("version"), get(p, "contentType"), Long.parseLong(get(p, "contentLength")),
                    identification, get(p, "modelId"), timings, sighting(p, region), located);
        } catch (IOException | RuntimeException e) {
            throw new StorageUnavailableException("the outbox entry '" + entryId + "' holds no readable "
                    + "identification (" + e.getMessage() + "); the store is damaged: delete that entry", false, e);
        }
    }

    private static Sighting sighting(Properties p, Region region) {
        if (p.getProperty("sighting.id") == null) {
            return null;
        }
        return new Sighting(get(p, "sighting.id"), Instant.parse(get(p, "sighting.time")),
                get(p, "sighting.sourceKey"), get(p, "sighting.source"), get(p, "sighting.scientificName"),
                get(p, "sighting.displayName"), Double.parseDouble(get(p, "sighting.probability")),
                Boolean.parseBoolean(get(p, "sighting.confident")), Boolean.parseBoolean(get(p, "sighting.notified")),
                get(p, "sighting.reason"), null, region);
    }

    private static Region region(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",");
        int[] v = new int[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        return new Region(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static void put(Properties p, String name, Object value) {
        if (value != null) {
            p.setProperty(name, String.valueOf(value));
        }
    }

    private static String get(Properties p, String name) {
        String value = p.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        return value;
    }
}
