package org.fieldmark.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SightingHistory;

/**
 * Where the bird log is kept: SQLite for the server, S3 for the Lambda, memory for tests. It
 * also answers the notification policy's history questions ({@link SightingHistory}), from the
 * same store. Species filters use the effective (reviewed) scientific name, ignoring case.
 * A store that cannot be reached raises a retryable
 * {@link org.fieldmark.application.error.StorageUnavailableException}. Every adapter passes the
 * shared {@code SightingRepositoryContract}.
 */
public interface SightingRepository extends SightingHistory {

    /**
     * Stores a new sighting.
     *
     * @throws IllegalArgumentException when a sighting with that id is already stored
     */
    void save(Sighting sighting);

    /**
     * Puts {@code sighting} in place of the stored sighting with its id: a later, better guess of
     * the same Frigate event. Everything is replaced (keep the time, the notification and a review
     * by passing them on); thumbnails and deliveries of the id stay.
     *
     * @throws IllegalArgumentException when no sighting has that id
     */
    void replace(Sighting sighting);

    /** The sighting with that id, if stored. */
    Optional<Sighting> find(String id);

    /** Stores a person's correction; empty when no sighting has that id. Reviewing again replaces it. */
    Optional<Sighting> review(String id, Review review);

    /** Every sighting within {@code [from, toExclusive)}, oldest first (ties by id). */
    List<Sighting> between(Instant from, Instant toExclusive);

    /** One page of sightings matching the query, newest first (ties by id, descending). */
    SightingPage page(SightingQuery query);

    /**
     * Keeps {@code jpeg} as the thumbnail of the stored sighting {@code sightingId}
     * ({@link ThumbnailPort}), replacing an earlier one. A store that keeps no thumbnails ignores
     * it (the default).
     *
     * @throws IllegalArgumentException when no sighting has that id
     */
    default void saveThumbnail(String sightingId, byte[] jpeg) {
        // keeps no thumbnails
    }

    /** The thumbnail kept for that sighting; empty when there is none (or the store keeps none). */
    default Optional<byte[]> thumbnail(String sightingId) {
        return Optional.empty();
    }

    /** Whether a thumbnail is kept for that sighting, without reading it. */
    default boolean hasThumbnail(String sightingId) {
        return thumbnail(sightingId).isPresent();
    }

    /**
     * Remembers that a person chose sighting {@code sightingId} as the best photo of the species
     * {@code speciesKey} ({@link Sighting#key}), replacing an earlier choice. The store does not check
     * the sighting; the species card does.
     *
     * @throws org.fieldmark.application.error.StorageUnavailableException when the store keeps no pins (the default)
     */
    default void pinBest(String speciesKey, String sightingId) {
        throw new org.fieldmark.application.error.StorageUnavailableException("this bird log ("
                + getClass().getSimpleName() + ") keeps no best-photo pins; use the SQLite or memory log", false);
    }

    /** Forgets the species' pin; nothing when there is none (or the store keeps none). */
    default void unpinBest(String speciesKey) {
        // keeps no pins
    }

    /** The sighting id pinned as the species' best photo; empty when none is (or the store keeps none). */
    default Optional<String> pinnedBest(String speciesKey) {
        return Optional.empty();
    }
}
