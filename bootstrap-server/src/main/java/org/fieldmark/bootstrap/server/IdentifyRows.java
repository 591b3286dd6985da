package org.fieldmark.bootstrap.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldmark.application.port.in.ArchiveOutcome;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.region.Region;
import org.fieldmark.wire.json.JsonText;

/**
 * Writes each identified photo in the format asked for, one row at a time and flushed, so a run that is
 * stopped leaves every finished photo on disk for {@code --resume}: the workshop's message ({@code text}),
 * RFC 4180 CSV with a header ({@code csv}; fields with a comma, quote or line break quoted, quotes
 * doubled), or one JSON object per line ({@code jsonl}, Jackson's generator). Failed photos are not
 * rows: they are listed at the end, and a resumed run tries them again.
 */
final class IdentifyRows {

    static final List<String> CSV_COLUMNS = List.of("path", "species", "scientific_name", "probability",
            "confident", "bird", "message", "predictions", "region", "duplicate_of", "sighting_id");

    private final IdentifyCommand.Format format;
    private final Writer out;

    IdentifyRows(IdentifyCommand.Format format, Writer out) {
        this.format = format;
        this.out = out;
    }

    /** The CSV header, when the format has one and the output is new. */
    void header() {
        if (format == IdentifyCommand.Format.CSV) {
            line(String.join(",", CSV_COLUMNS));
        }
    }

    /** One identified photo. */
    void write(ArchiveOutcome outcome) {
        IdentificationResult result = outcome.result();
        line(switch (format) {
            case TEXT -> result.message();
            case CSV -> csv(outcome);
            case JSONL -> JsonText.of(json(outcome));
        });
    }

    private void line(String text) {
        try {
            out.write(text);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the output cannot be written: " + e.getMessage(), e);
        }
    }

    private static String csv(ArchiveOutcome outcome) {
        IdentificationResult result = outcome.result();
        Identification identification = result.identification();
        RankedPrediction top = identification.top();
        List<String> predictions = new ArrayList<>();
        for (RankedPrediction prediction : identification.predictions()) {
            predictions.add(prediction.name() + " (" + probability(prediction.probability()) + ")");
        }
        Region region = result.located().region();
        List<String> fields = List.of(outcome.photo().key(), top.name(), nullToEmpty(top.scientificName()),
                probability(top.probability()), Boolean.toString(identification.confident()),
                Boolean.toString(top.bird()), identification.message(), String.join("; ", predictions),
                region == null || region.isWholeFrame() ? "" : region.x() + " " + region.y() + " " + region.width()
                        + " " + region.height(),
                outcome.duplicateOf() == null ? "" : outcome.duplicateOf().key(),
                result.sighting() == null ? "" : result.sighting().id());
        List<String> quoted = new ArrayList<>(fields.size());
        for (String field : fields) {
            quoted.add(quote(field));
        }
        return String.join(",", quoted);
    }

    /** A CSV field: quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled. */
    static String quote(String field) {
        boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                && field.strip().equals(field);
        return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
    }

    private static Map<String, Object> json(ArchiveOutcome outcome) {
        IdentificationResult result = outcome.result();
        Identification identification = result.identification();
        RankedPrediction top = identification.top();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", outcome.photo().key());
        row.put("species", top.name());
        row.put("scientificName", top.scientificName());
        row.put("probability", top.probability());
        row.put("confident", identification.confident());
        row.put("bird", top.bird());
        row.put("message", identification.message());
        List<Map<String, Object>> predictions = new ArrayList<>();
        for (RankedPrediction prediction : identification.predictions()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("species", prediction.name());
            one.put("scientificName", prediction.scientificName());
            one.put("probability", prediction.probability());
            predictions.add(one);
        }
        row.put("predictions", predictions);
        Region region = result.located().region();
        if (region != null && !region.isWholeFrame()) {
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("x", region.x());
            box.put("y", region.y());
            box.put("width", region.width());
            box.put("height", region.height());
            row.put("region", box);
        }
        row.put("duplicateOf", outcome.duplicateOf() == null ? null : outcome.duplicateOf().key());
        row.put("sightingId", result.sighting() == null ? null : result.sighting().id());
        row.put("modelId", result.modelId());
        return row;
    }

    private static String probability(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
