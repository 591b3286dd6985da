package org.fieldmark.bootstrap.server;

import java.util.Locale;
import java.util.Objects;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;

/**
 * The server's one image store, routing each reference by its kind: an http(s) URL (no bucket, the
 * URL as key) to the URL store when URL fetching is on, everything else (a folder key, an S3 key)
 * to the configured store. So uploads, folder photos, S3 events and URL requests all go through
 * one identification service, one recorder and one lock.
 *
 * @param configured the store {@code storage} names (folder, S3 or URL)
 * @param urls       the URL store, {@code null} when URL fetching is off
 */
record ImageSources(ImageStoragePort configured, ImageStoragePort urls) implements ImageStoragePort {

    ImageSources {
        Objects.requireNonNull(configured, "configured");
    }

    @Override
    public StoredImage fetch(ImageReference reference) {
        if (urls != null && reference.bucket().isEmpty() && isUrl(reference.key())) {
            return urls.fetch(reference);
        }
        return configured.fetch(reference);
    }

    static boolean isUrl(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
