package org.fieldmark.adapter.aws.s3;

import java.util.Objects;

/**
 * Where the S3 bird log lives.
 *
 * @param bucket the bucket
 * @param prefix every key starts with it; {@code ""} or ending in {@code /} (added when missing)
 */
public record S3SightingSettings(String bucket, String prefix) {

    /** The prefix the Lambda uses unless {@code SIGHTINGS_PREFIX} says otherwise. */
    public static final String DEFAULT_PREFIX = "fieldmark/";

    public S3SightingSettings {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("the sightings bucket must not be blank");
        }
        prefix = prefix == null ? "" : prefix.strip();
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("the sightings prefix must not start with '/', was '" + prefix + "'");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }
}
