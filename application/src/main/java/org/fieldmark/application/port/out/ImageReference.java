package org.fieldmark.application.port.out;

import java.util.Objects;
import org.fieldmark.application.error.InvalidRequestException;

/**
 * Where an image lives: a bucket (or another named place; empty for stores with a single place,
 * such as a watched folder) and a key within it, e.g. {@code birds/card.jpg}.
 *
 * @param bucket the bucket or container name, empty when the store has just one
 * @param key    the image's key; never blank
 */
public record ImageReference(String bucket, String key) {

    public ImageReference {
        bucket = bucket == null ? "" : bucket;
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new InvalidRequestException("image key must not be blank");
        }
    }

    /** A reference in a store with a single place. */
    public static ImageReference of(String key) {
        return new ImageReference("", key);
    }

    @Override
    public String toString() {
        return bucket.isEmpty() ? key : bucket + "/" + key;
    }
}
