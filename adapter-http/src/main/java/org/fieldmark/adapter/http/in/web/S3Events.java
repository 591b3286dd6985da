package org.fieldmark.adapter.http.in.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.NewObjectEvent;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.wire.json.S3EventKeys;

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
     * One record as the answer names it: a new-object event to identify, or a record that failed
     * ({@code invalid}) or was skipped before that (neither).
     */
    record Entry(String bucket, String encodedKey, String eventName, NewObjectEvent event,
                 InvalidRequestException invalid) {

        /** The image to identify, {@code null} when the record failed or was skipped. */
        ImageReference image() {
            return event == null ? null : event.image();
        }

        boolean skipped() {
            return event == null && invalid == null;
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
        String version = S3EventKeys.uploadVersion(versionId, eTag);
        String sequencer = Requests.string(object, "sequencer", where + ".s3.object").orElse("");
        // Only new objects are photos to identify; removals and the like are acknowledged and skipped.
        if (eventName != null && !eventName.contains("ObjectCreated")) {
            return new Entry(bucket, encodedKey, eventName, null, null);
        }
        try {
            ImageReference image = new ImageReference(bucket, S3EventKeys.decode(encodedKey));
            return new Entry(bucket, encodedKey, eventName, new NewObjectEvent(image, version, sequencer), null);
        } catch (IllegalArgumentException e) {
            return new Entry(bucket, encodedKey, eventName, null, new InvalidRequestException(e.getMessage(), e));
        }
    }

    private static JsonObject object(JsonObject parent, String name, String where) {
        if (parent.getValue(name) instanceof JsonObject child) {
            return child;
        }
        throw new InvalidRequestException(where + " needs an object \"" + name + "\"");
    }
}
