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

    /** One record: an image to identify, or a record that failed or was skipped before that. */
    record Entry(String bucket, String encodedKey, String eventName, ImageReference image,
                 InvalidRequestException invalid) {

        boolean skipped() {
            return image == null && invalid == null;
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
        String encodedKey = Requests.string(object(s3, "object", where + ".s3"), "key", where + ".s3.object")
                .orElseThrow(() -> new InvalidRequestException(where + ".s3.object has no \"key\""));
        // Only new objects are photos to identify; removals and the like are acknowledged and skipped.
        if (eventName != null && !eventName.contains("ObjectCreated")) {
            return new Entry(bucket, encodedKey, eventName, null, null);
        }
        try {
            return new Entry(bucket, encodedKey, eventName, new ImageReference(bucket, S3EventKeys.decode(encodedKey)),
                    null);
        } catch (InvalidRequestException e) {
            return new Entry(bucket, encodedKey, eventName, null, e);
        }
    }

    private static JsonObject object(JsonObject parent, String name, String where) {
        if (parent.getValue(name) instanceof JsonObject child) {
            return child;
        }
        throw new InvalidRequestException(where + " needs an object \"" + name + "\"");
    }
}
