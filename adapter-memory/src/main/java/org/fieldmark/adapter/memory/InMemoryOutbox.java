package org.fieldmark.adapter.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.SightingRepository;

/**
 * The outbox in memory, recording sightings into the bird log it is given: for tests, for a log
 * kept in memory, and for the workshop mode without one. Lost on restart, like the log beside it.
 */
public final class InMemoryOutbox implements OutboxPort {

    private final SightingRepository sightings;
    private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();

    /** An outbox whose entries' sightings go into {@code sightings}. */
    public InMemoryOutbox(SightingRepository sightings) {
        this.sightings = Objects.requireNonNull(sightings, "sightings");
    }

    /** An outbox with a bird log of its own in memory (the workshop mode keeps no sightings). */
    public InMemoryOutbox() {
        this(new InMemorySightingRepository());
    }

    @Override
    public synchronized boolean record(OutboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entries.containsKey(entry.id())) {
            return false;
        }
        if (entry.sighting() != null) {
            sightings.save(entry.sighting());
        }
        entries.put(entry.id(), entry);
        return true;
    }

    @Override
    public synchronized Optional<OutboxEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized void update(String entryId, Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        OutboxEntry entry = entries.get(entryId);
        if (entry == null) {
            throw new IllegalArgumentException("no outbox entry has the id '" + entryId + "'");
        }
        entries.put(entryId, entry.with(delivery));
    }

    @Override
    public synchronized List<OutboxEntry> due(Instant dueBy, int limit) {
        return entries.values().stream()
                .filter(e -> e.deliveries().stream().anyMatch(d -> d.pending() && !d.nextAttempt().isAfter(dueBy)))
                .sorted(Comparator.comparing(OutboxEntry::time).thenComparing(OutboxEntry::id))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Map<String, List<Delivery>> deliveriesOf(Collection<String> sightingIds) {
        Map<String, List<Delivery>> found = new LinkedHashMap<>();
        for (OutboxEntry entry : entries.values()) {
            if (entry.sighting() != null && sightingIds.contains(entry.sighting().id())
                    && !entry.deliveries().isEmpty()) {
                found.put(entry.sighting().id(), entry.deliveries());
            }
        }
        return found;
    }

    @Override
    public synchronized Counts counts() {
        long pending = 0;
        long failed = 0;
        for (OutboxEntry entry : entries.values()) {
            for (Delivery delivery : entry.deliveries()) {
                pending += delivery.state() == Delivery.State.PENDING ? 1 : 0;
                failed += delivery.state() == Delivery.State.FAILED ? 1 : 0;
            }
        }
        return new Counts(pending, failed);
    }
}
