package org.fieldmark.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transactional outbox: an identified photo is recorded once, together with its sighting and
 * one pending {@link Delivery} per channel to tell ({@link #record}); the channels are told
 * afterwards and each outcome is written back ({@link #update}). A retry of the photo finds its
 * entry ({@link #find}) and only completes what is still pending; nothing delivered is sent again.
 * SQLite keeps an entry in the same transaction as its sighting; S3 writes the entry object first
 * (conditionally, so one photo has one entry) and repairs a missing sighting from it. The store
 * that keeps the bird log keeps its outbox, so a sighting never exists without its deliveries.
 * A store that cannot be reached raises a
 * {@link org.fieldmark.application.error.StorageUnavailableException}. Every adapter passes the
 * shared {@code OutboxPortContract}.
 */
public interface OutboxPort {

    /** How many deliveries wait and how many failed for good. */
    record Counts(long pending, long failed) {
    }

    /**
     * Records {@code entry}, its sighting (when it has one) and its deliveries, all or nothing.
     *
     * @return {@code false} when an entry with that id exists already (another attempt at the same
     *         photo recorded it first); nothing is written then
     */
    boolean record(OutboxEntry entry);

    /** The entry with that id, with its deliveries as they stand now. */
    Optional<OutboxEntry> find(String id);

    /**
     * Writes one delivery's new state (the channel names which one).
     *
     * @throws IllegalArgumentException when the entry or its delivery to that channel is unknown
     */
    void update(String entryId, Delivery delivery);

    /** Entries with a pending delivery due at or before {@code dueBy}, oldest first, at most {@code limit}. */
    List<OutboxEntry> due(Instant dueBy, int limit);

    /** The deliveries of each of these sightings that has any, by sighting id. */
    Map<String, List<Delivery>> deliveriesOf(Collection<String> sightingIds);

    /** Pending and failed deliveries over the whole outbox. */
    Counts counts();
}
