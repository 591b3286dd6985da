package org.fieldmark.adapter.aws.s3;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.port.out.ImageReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned GET URLs for images, so a notification can carry "one click to see the bird".
 * Signing is local (no request to S3). A link that cannot be made is left out rather than
 * failing the notification: the identification is the message, the link a convenience.
 */
public final class S3PresignedLinks {

    /** SigV4 presigned URLs live at most seven days. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);

    private final S3Presigner presigner;
    private final Duration expiry;

    public S3PresignedLinks(S3Presigner presigner, Duration expiry) {
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("presigned URL expiry must be above 0 and at most 7 days, got " + expiry);
        }
        this.expiry = expiry;
    }

    /** A URL that GETs the image for the configured expiry; empty for references without a bucket. */
    public Optional<String> linkFor(ImageReference image) {
        if (image.bucket().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(presigner.presignGetObject(r -> r.signatureDuration(expiry)
                    .getObjectRequest(g -> g.bucket(image.bucket()).key(image.key()))).url().toString());
        } catch (SdkException e) {
            return Optional.empty();
        }
    }
}
