package org.fieldmark.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * A photo of an archive as the archive knows it.
 *
 * @param contentDigest equal for equal contents, different otherwise (a SHA-256, for example)
 * @param takenAt       when the photo was taken
 * @param timeSource    where {@code takenAt} comes from, e.g. {@code exif} or {@code file}
 */
public record ArchivedPhoto(String contentDigest, Instant takenAt, String timeSource) {

    public ArchivedPhoto {
        Objects.requireNonNull(contentDigest, "contentDigest");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(timeSource, "timeSource");
    }
}
