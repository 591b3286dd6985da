package org.fieldmark.adapter.aws.s3;

import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The crop thumbnails of the S3 bird log: one JPEG object per sighting under
 * {@code <prefix>thumbnails/<id>.jpg}, keyed by id so a review that moves the sighting leaves them
 * in place. Plain S3 calls; the log maps their failures to the error family.
 */
final class S3Thumbnails {

    private final S3Client s3;
    private final String bucket;
    private final SightingKeys keys;

    S3Thumbnails(S3Client s3, String bucket, SightingKeys keys) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keys = keys;
    }

    void put(String sightingId, byte[] jpeg) {
        s3.putObject(r -> r.bucket(bucket).key(keys.thumbnailKey(sightingId)).contentType("image/jpeg"),
                RequestBody.fromBytes(jpeg));
    }

    Optional<byte[]> get(String sightingId) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(keys.thumbnailKey(sightingId)))
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    boolean exists(String sightingId) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(keys.thumbnailKey(sightingId)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
