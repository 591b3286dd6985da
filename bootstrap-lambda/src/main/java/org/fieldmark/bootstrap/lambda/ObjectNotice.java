package org.fieldmark.bootstrap.lambda;

import org.fieldmark.wire.json.S3EventKeys;

/**
 * One "object created" notice as a source delivered it (an S3 event record, an SQS message's
 * record, an EventBridge event), before its key is decoded or anything is checked.
 *
 * @param where      names the notice in logs and failures when it has no usable key, e.g. {@code record 0}
 * @param eventName  {@code ObjectCreated:Put}, {@code Object Created}, ...; {@code null} when absent
 * @param bucket     the bucket name as delivered
 * @param encodedKey the object key as delivered: URL-encoded as S3 encodes it
 * @param versionId  the object's version id, {@code null} for an unversioned bucket
 * @param eTag       the object's ETag
 * @param sequencer  the event's sequencer
 */
record ObjectNotice(String where, String eventName, String bucket, String encodedKey, String versionId, String eTag,
                    String sequencer) {

    /** {@code true} for the event names S3 notifications and EventBridge give object creation. */
    boolean creation() {
        return eventName != null && (eventName.startsWith("ObjectCreated:") || eventName.startsWith("s3:ObjectCreated:")
                || eventName.equals("Object Created"));
    }

    /** The version id when the bucket is versioned, else the ETag: what tells two uploads of a key apart. */
    String version() {
        return S3EventKeys.uploadVersion(versionId, eTag);
    }
}
