package org.fieldmark.adapter.http.in.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.S3EventKeys;
import org.fieldmark.application.port.out.ImageReference;

/**
 * Reads an S3 event notification document: AWS's shape, which MinIO's webhook notifications
 * share ({@code Records[].eventName}, {@code Records[].s3.bucket.name},
 * {@code Records[].s3.object.key} URL-encoded). A document that is not of that shape is an
 * invalid request; a record whose key cannot be decoded fails on its own.
 */
final class S3Events {

    /** The test event S3 sends when a notification is configured; it has no records. */
    static final String TEST_EVENT = "s3:TestEvent";

    /**
     * One record: an image to identify, or a record that failed or was skipped before that.
     * {@code version} (the version id, else the ETag) and {@code sequencer} tell two uploads of a
     * key apart, and are the same for every delivery of one upload; empty when the record has none.
     */
    record Entry(String bucket, String encodedKey, String eventName, ImageReference image,
                 InvalidRequestException invalid, String version, String sequencer) {

        boolean skipped() {
            return image == null && invalid == null;
        }

        /**
         * Whether deliveries of this record can be told from a new upload of the same key: S3 and
         * MinIO always send an ETag and a sequencer; a hand-written record without either is
         * identified every time it is posted.
         */
        boolean identifiesItsUpload() {
            return !version.isEmpty() || !sequencer.isEmpty();
        }
    }

    /** The records in document order; {@code testEvent} when it was S3's test event. */
    record Document(boolean testEvent, List<Entry> entries) {
    }

    private S3Events() {
    }

    static Document parse(JsonObject document) {
        if (!document.containsKey("Records") && TEST_EVENT.equals(document.getValue("Event"))) {
            return new Document(true, List.of());
        }
        if (!(document.getValue("Records") instanceof JsonArray records)) {
            throw new InvalidRequestException("an S3 event notification needs a \"Records\" array (or is the "
                    + TEST_EVENT + ")");
        }
        List<Entry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            entries.add(entry(records.getValue(i), i));
        }
        return new Document(false, entries);
    }

    private static Entry entry(Object value, int index) {
        String where = "Records[" + index + "]";
        if (!(value instanceof JsonObject record)) {
            throw new InvalidRequestException(where + " must be an object");
        }
        String eventName = Requests.string(record, "eventName", where).orElse(null);
        JsonObject s3 = object(record, "s3", where);
        String bucket = Requests.string(object(s3, "bucket", where + ".s3"), "name", where + ".s3.bucket")
                .orElseThrow(() -> new InvalidRequestException(where + ".s3.bucket has no \"name\""));
        JsonObject object = object(s3, "object", where + ".s3");
        String encodedKey = Requests.string(object, "key", where + ".s3.object")
                .orElseThrow(() -> new InvalidRequestException(where + ".s3.object has no \"key\""));
        String versionId = Requests.string(object, "versionId", where + ".s3.object").orElse("");
        String eTag = Requests.string(object, "eTag", where + ".s3.object").orElse("");
        // Unversioned buckets send no version id, or (some S3 stand-ins) the text "null".
        String version = versionId.isBlank() || versionId.equals("null") ? eTag : versionId;
        String sequencer = Requests.string(object, "sequencer", where + ".s3.object").orElse("");
        // Only new objects are photos to identify; removals and the like are acknowledged and skipped.
        if (eventName != null && !eventName.contains("ObjectCreated")) {
            return new Entry(bucket, encodedKey, eventName, null, null, version, sequencer);
        }
        try {
            return new Entry(bucket, encodedKey, eventName, new ImageReference(bucket, S3EventKeys.decode(encodedKey)),
                    null, version, sequencer);
        } catch (InvalidRequestException e) {
            return new Entry(bucket, encodedKey, eventName, null, e, version, sequencer);
        }
    }

    private static JsonObject object(JsonObject parent, String name, String where) {
        if (parent.getValue(name) instanceof JsonObject child) {
            return child;
        }
        throw new InvalidRequestException(where + " needs an object \"" + name + "\"");
    }
}
