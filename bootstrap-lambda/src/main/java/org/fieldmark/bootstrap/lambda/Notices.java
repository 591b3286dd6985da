package org.fieldmark.bootstrap.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.wire.json.JsonTree;

/**
 * Reads the three shapes an S3 upload reaches the function in into {@link ObjectNotice}s: the event
 * S3 invokes the function with, an S3 event notification as JSON text (an SQS message
 * body, bare or wrapped in an SNS envelope), and an EventBridge {@code Object Created} event.
 * What cannot be read is an {@link InvalidRequestException} saying what is missing.
 */
final class Notices {

    private Notices() {
    }

    /**
     * The records of the event the S3 trigger hands the function (its JSON, as the runtime passes it to a
     * stream handler): none when it has no {@code Records} (S3's {@code s3:TestEvent}, an empty event); a
     * record that is not an object is a notice that names nothing, so it fails alone, not the whole event.
     *
     * @throws InvalidRequestException when the text is not a JSON object or its {@code Records} is not an array
     */
    static List<ObjectNotice> ofEvent(String json) {
        Map<?, ?> root = parse(json, "the event");
        Object records = root.get("Records");
        if (records == null) {
            return List.of();
        }
        if (!(records instanceof List<?> list)) {
            throw new InvalidRequestException("the event's Records is not an array; expected an S3 event notification");
        }
        List<ObjectNotice> notices = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            notices.add(notice("record " + i, list.get(i) instanceof Map<?, ?> record ? record : Map.of()));
        }
        return notices;
    }

    /**
     * The records of an S3 event notification in JSON, bare or as the {@code Message} of an SNS
     * notification; none for S3's {@code s3:TestEvent}.
     *
     * @param where names the message in errors, e.g. {@code message 4f1c...}
     * @throws InvalidRequestException when the text is not JSON or not an S3 event notification
     */
    static List<ObjectNotice> ofJson(String text, String where) {
        Map<?, ?> root = parse(text, where);
        if ("Notification".equals(root.get("Type"))) {
            if (!(root.get("Message") instanceof String message)) {
                throw new InvalidRequestException(where + " is an SNS notification without a Message text");
            }
            root = parse(message, where + " (the SNS notification's Message)");
        }
        if ("s3:TestEvent".equals(root.get("Event"))) {
            return List.of();
        }
        if (!(root.get("Records") instanceof List<?> records)) {
            throw new InvalidRequestException(where + " is JSON but not an S3 event notification: it has no Records array");
        }
        List<ObjectNotice> notices = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String name = where + " record " + i;
            if (!(records.get(i) instanceof Map<?, ?> record)) {
                throw new InvalidRequestException(name + " is not a JSON object");
            }
            notices.add(notice(name, record));
        }
        return notices;
    }

    /** One record of an S3 event notification: its event name, bucket, key, version id, ETag and sequencer. */
    private static ObjectNotice notice(String name, Map<?, ?> record) {
        Map<?, ?> s3 = object(record, "s3");
        Map<?, ?> bucket = object(s3, "bucket");
        Map<?, ?> object = object(s3, "object");
        return new ObjectNotice(name, text(record, "eventName"), text(bucket, "name"), text(object, "key"),
                text(object, "versionId"), text(object, "eTag"), text(object, "sequencer"));
    }

    /**
     * The object of an EventBridge event from S3 ({@code detail.bucket.name}, {@code detail.object.key},
     * {@code version-id}, {@code etag}, {@code sequencer}), as the Lambda runtime reads it into maps.
     *
     * @throws InvalidRequestException when it has no {@code detail}
     */
    static ObjectNotice ofEventBridge(Map<String, Object> event) {
        String where = "event " + (event == null ? null : event.get("id"));
        Object detail = event == null ? null : event.get("detail");
        if (!(detail instanceof Map<?, ?> fields)) {
            throw new InvalidRequestException(where + " has no detail object; route only S3 'Object Created' events "
                    + "(source aws.s3) to this function");
        }
        Map<?, ?> bucket = fields.get("bucket") instanceof Map<?, ?> b ? b : Map.of();
        Map<?, ?> object = fields.get("object") instanceof Map<?, ?> o ? o : Map.of();
        return new ObjectNotice(where, string(event.get("detail-type")), string(bucket.get("name")),
                string(object.get("key")), string(object.get("version-id")), string(object.get("etag")),
                string(object.get("sequencer")));
    }

    private static Map<?, ?> parse(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(where + " has an empty body; expected an S3 event notification");
        }
        Object node;
        try {
            node = JsonTree.read(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(where + " is not JSON (" + e.getMessage() + "); expected an S3 event "
                    + "notification", e);
        }
        if (!(node instanceof Map<?, ?> object)) {
            throw new InvalidRequestException(where + " is JSON but not an object; expected an S3 event notification");
        }
        return object;
    }

    /** The object in {@code field}, or an empty one when it is missing or not an object. */
    private static Map<?, ?> object(Map<?, ?> node, String field) {
        return node.get(field) instanceof Map<?, ?> object ? object : Map.of();
    }

    /** The text in {@code field}, or {@code null} when it is missing or not a string. */
    private static String text(Map<?, ?> node, String field) {
        return node.get(field) instanceof String text ? text : null;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
