package org.fieldmark.application.port.out;

import java.util.Optional;

/**
 * Keeps the photos that have no other home: uploads and photos fetched from a URL, so the page, the
 * API and notifications can show them later. Photos of the watched folder or of S3 are not kept
 * here (they link to their source). A store is bounded (a count and a size); when a new photo does
 * not fit, the oldest kept photos are evicted first. Photos are kept by the id of their sighting,
 * which is never used as a file name as it is: any id, however odd, only ever addresses the
 * store's own photos. Implementations are safe to call from several threads.
 */
public interface PhotoStorePort {

    /**
     * Keeps {@code photo} as the photo of sighting {@code sightingId}, replacing an earlier one,
     * and evicts the oldest photos beyond the store's bounds. A photo larger than the whole store is
     * not kept.
     *
     * @throws org.fieldmark.application.error.StorageUnavailableException when the store cannot be written
     */
    void keep(String sightingId, ImageBytes photo);

    /** The photo kept for that sighting, with its media type; empty when none is (never kept, or evicted). */
    Optional<ImageBytes> photo(String sightingId);

    /** Whether a photo is kept for that sighting, without reading it. */
    boolean has(String sightingId);

    /** A store that keeps nothing: uploads then have no photo to show. */
    static PhotoStorePort none() {
        return new PhotoStorePort() {
            @Override
            public void keep(String sightingId, ImageBytes photo) {
                // keeps nothing
            }

            @Override
            public Optional<ImageBytes> photo(String sightingId) {
                return Optional.empty();
            }

            @Override
            public boolean has(String sightingId) {
                return false;
            }
        };
    }
}
