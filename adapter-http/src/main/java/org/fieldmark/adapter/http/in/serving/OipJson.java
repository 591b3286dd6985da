package org.fieldmark.adapter.http.in.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Locale;
import org.fieldmark.application.port.in.ClassifiedBatch;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.TopK;
import org.fieldmark.wire.json.JsonText;

/** The Open Inference Protocol v2 documents the model server writes. */
final class OipJson {

    /** The one version of the model that is served. */
    static final String VERSION = "1";

    private OipJson() {
    }

    /** {@code GET /v2}: the server's name, version and extensions. */
    static String server() {
        return JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("name", "fieldmark");
            json.writeStringField("version", VERSION);
            json.writeArrayFieldStart("extensions");
            json.writeString("classification");
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code GET /v2/models/{name}}: one BYTES input of N images, FP32 [N, classes] out. */
    static String model(String name, SpeciesCatalog catalog) {
        return JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeArrayFieldStart("versions");
            json.writeString(VERSION);
            json.writeEndArray();
            json.writeStringField("platform", "fieldmark_" + catalog.name());
            json.writeArrayFieldStart("inputs");
            tensor(json, OipInferRequest.INPUT, "BYTES", -1);
            json.writeEndArray();
            json.writeArrayFieldStart("outputs");
            tensor(json, OipInferRequest.OUTPUT, "FP32", -1, catalog.size());
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * {@code POST /v2/models/{name}/infer}: the probabilities as FP32 [N, classes], or with the
     * classification extension BYTES [N, k] of {@code "<probability>:<class index>:<label>"}, best first.
     */
    static String inference(String name, String id, ClassifiedBatch batch, int classification) {
        return JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("model_name", name);
            json.writeStringField("model_version", VERSION);
            if (id != null) {
                json.writeStringField("id", id);
            }
            json.writeArrayFieldStart("outputs");
            json.writeStartObject();
            json.writeStringField("name", OipInferRequest.OUTPUT);
            int rows = batch.probabilities().size();
            if (classification > 0) {
                int k = Math.min(classification, batch.catalog().size());
                writeShape(json, "BYTES", rows, k);
                json.writeArrayFieldStart("data");
                for (double[] vector : batch.probabilities()) {
                    for (int index : TopK.select(vector, k)) {
                        json.writeString(String.format(Locale.ROOT, "%f:%d:%s", (float) vector[index], index,
                                batch.catalog().species(index).name()));
                    }
                }
            } else {
                writeShape(json, "FP32", rows, batch.catalog().size());
                json.writeArrayFieldStart("data");
                for (double[] vector : batch.probabilities()) {
                    for (double p : vector) {
                        json.writeNumber((float) p);
                    }
                }
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The protocol's error document. */
    static String error(String message) {
        return JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        });
    }

    private static void tensor(JsonGenerator json, String name, String datatype, int... shape) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        writeShape(json, datatype, shape);
        json.writeEndObject();
    }

    private static void writeShape(JsonGenerator json, String datatype, int... shape) throws IOException {
        json.writeStringField("datatype", datatype);
        json.writeArrayFieldStart("shape");
        for (int dim : shape) {
            json.writeNumber(dim);
        }
        json.writeEndArray();
    }
}
