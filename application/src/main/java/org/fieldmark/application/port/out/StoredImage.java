package org.fieldmark.application.port.out;

import java.util.Objects;
import java.util.Optional;

/**
 * An image fetched from storage with what the store says about it.
 *
 * @param reference where it came from
 * @param image     its bytes and declared content type
 * @param version   the store's version id or ETag, {@code null} when the store has none
 */
public record StoredImage(ImageReference reference, ImageBytes image, String version) {

    public StoredImage {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(image, "image");
    }

    /** Content length in bytes. */
    public long contentLength() {
        return image.length();
    }

    /** The declared content type, empty when none. */
    public String contentType() {
        return image.contentType();
    }

    /** Version id or ETag, when the store has one. */
    public Optional<String> versionId() {
        return Optional.ofNullable(version);
    }
}
