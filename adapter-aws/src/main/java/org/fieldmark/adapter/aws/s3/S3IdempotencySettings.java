package org.fieldmark.adapter.aws.s3;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the S3 idempotency adapter keeps its markers and how long a claim holds.
 *
 * @param bucket       the bucket for the markers (the photo bucket does, under its own prefix)
 * @param prefix       key prefix of the markers, e.g. {@code fieldmark-idempotency/}; a lifecycle
 *                     rule on it expires old markers
 * @param claimTimeout after this a claim that was neither completed nor released (a crashed
 *                     attempt) may be taken over; longer than the function's timeout
 */
public record S3IdempotencySettings(String bucket, String prefix, Duration claimTimeout) {

    public static final String DEFAULT_PREFIX = "fieldmark-idempotency/";
    public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(15);

    public S3IdempotencySettings {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("the idempotency bucket must be named");
        }
        prefix = prefix == null ? "" : prefix;
        Objects.requireNonNull(claimTimeout, "claimTimeout");
        if (claimTimeout.isNegative() || claimTimeout.isZero()) {
            throw new IllegalArgumentException("the claim timeout must be positive, not " + claimTimeout);
        }
    }
}
