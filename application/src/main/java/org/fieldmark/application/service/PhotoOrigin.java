package org.fieldmark.application.service;

import java.util.Locale;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.domain.sighting.Sighting;

/**
 * Where a sighting's photo lives, by one rule the keeping side and the showing side share. A photo
 * handed in (an upload: it has no version) or fetched from an http(s) URL has no other home, so it
 * is kept in the photo store; any other photo (a folder file, an S3 object) links to its source.
 * Read back from a sighting: an upload's outbox entry is filed under the sighting's own id (an entry
 * without a version is, see {@code SightingRecorder}), and a URL photo's key is its URL.
 */
final class PhotoOrigin {

    private PhotoOrigin() {
    }

    /** Whether the photo at {@code source} with {@code version} is kept in the photo store. */
    static boolean keptHere(ImageReference source, String version) {
        return version == null || version.isEmpty() || isUrl(source);
    }

    /** Whether the photo of {@code sighting} was kept in the photo store (rather than linked to its source). */
    static boolean keptHere(Sighting sighting, OutboxPort outbox) {
        return isUrl(ImageReference.of(sighting.sourceKey().isBlank() ? "-" : sighting.sourceKey()))
                || outbox.find(sighting.id()).isPresent();
    }

    private static boolean isUrl(ImageReference source) {
        String key = source.key().toLowerCase(Locale.ROOT);
        return source.bucket().isEmpty() && (key.startsWith("https://") || key.startsWith("http://"));
    }
}
