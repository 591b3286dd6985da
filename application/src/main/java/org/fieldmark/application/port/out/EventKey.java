package org.fieldmark.application.port.out;

import java.util.Objects;

/**
 * Which upload an event is about, the same for every delivery of it: S3 gives each write of a
 * key its own version id (in versioned buckets) or ETag and sequencer, so a new upload under the
 * same key is a new event while a redelivered notification is not.
 *
 * @param bucket    the bucket, empty for a store without buckets
 * @param key       the decoded object key
 * @param version   the object's version id, else its ETag; empty when the event carried neither
 * @param sequencer the event's sequencer; empty when the event carried none
 */
public record EventKey(String bucket, String key, String version, String sequencer) {

    public EventKey {
        bucket = bucket == null ? "" : bucket;
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("an event key needs an object key");
        }
        version = version == null ? "" : version;
        sequencer = sequencer == null ? "" : sequencer;
    }

    /** One string that differs whenever any part differs (parts are joined by a newline, which S3 keys may hold, so lengths lead). */
    public String value() {
        return bucket.length() + ":" + bucket + "\n" + key.length() + ":" + key + "\n" + version + "\n" + sequencer;
    }

    @Override
    public String toString() {
        return (bucket.isEmpty() ? key : bucket + "/" + key) + "@" + version + "#" + sequencer;
    }
}
