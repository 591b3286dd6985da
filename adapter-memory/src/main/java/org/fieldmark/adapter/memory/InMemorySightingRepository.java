package org.fieldmark.adapter.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.fieldmark.application.port.out.SightingCursor;
import org.fieldmark.application.port.out.SightingPage;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;

/**
 * The bird log in memory: for tests, and for a server told not to keep a log on disk. Lost on
 * restart. Thread-safe; every query scans, which is fine for the few thousand sightings a
 * process keeps.
 */
public final class InMemorySightingRepository implements SightingRepository {

    /** Oldest first, ties by id. */
    private static final Comparator<Sighting> CHRONOLOGICAL =
            Comparator.comparing(Sighting::time).thenComparing(Sighting::id);

    private final Map<String, Sighting> byId = new LinkedHashMap<>();
    private final Map<String, byte[]> thumbnails = new LinkedHashMap<>();
    private final Map<String, String> pins = new LinkedHashMap<>();

    @Override
    public synchronized void save(Sighting sighting) {
        Objects.requireNonNull(sighting, "sighting");
        if (byId.putIfAbsent(sighting.id(), sighting) != null) {
            throw new IllegalArgumentException("a sighting with id '" + sighting.id() + "' is already stored");
        }
    }

    @Override
    public synchronized void replace(Sighting sighting) {
        Objects.requireNonNull(sighting, "sighting");
        if (byId.replace(sighting.id(), sighting) == null) {
            throw new IllegalArgumentException("no sighting with id '" + sighting.id() + "' is stored to replace");
        }
    }

    @Override
    public synchronized Optional<Sighting> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Sighting> review(String id, Review review) {
        Objects.requireNonNull(review, "review");
        Sighting stored = byId.get(id);
        if (stored == null) {
            return Optional.empty();
        }
        Sighting reviewed = stored.withReview(review);
        byId.put(id, reviewed);
        return Optional.of(reviewed);
    }

    @Override
    public synchronized List<Sighting> between(Instant from, Instant toExclusive) {
        return select(s -> !s.time().isBefore(from) && s.time().isBefore(toExclusive), CHRONOLOGICAL);
    }

    @Override
    public synchronized SightingPage page(SightingQuery query) {
        SightingCursor after = SightingCursor.parse(query.cursor());
        List<Sighting> matching = select(s -> (query.from() == null || !s.time().isBefore(query.from()))
                && (query.toExclusive() == null || s.time().isBefore(query.toExclusive()))
                && (query.species() == null || s.isSpecies(query.species()))
                && (after == null || after.precedes(s.time(), s.id())), CHRONOLOGICAL.reversed());
        if (matching.size() <= query.limit()) {
            return new SightingPage(matching, null);
        }
        List<Sighting> page = matching.subList(0, query.limit());
        return new SightingPage(page, SightingCursor.after(page.get(page.size() - 1)));
    }

    @Override
    public synchronized void saveThumbnail(String sightingId, byte[] jpeg) {
        Objects.requireNonNull(jpeg, "jpeg");
        if (!byId.containsKey(sightingId)) {
            throw new IllegalArgumentException("no sighting has the id '" + sightingId + "'; save it first");
        }
        thumbnails.put(sightingId, jpeg.clone());
    }

    @Override
    public synchronized Optional<byte[]> thumbnail(String sightingId) {
        return Optional.ofNullable(thumbnails.get(sightingId)).map(byte[]::clone);
    }

    @Override
    public synchronized boolean hasThumbnail(String sightingId) {
        return thumbnails.containsKey(sightingId);
    }

    @Override
    public synchronized void pinBest(String speciesKey, String sightingId) {
        pins.put(Objects.requireNonNull(speciesKey, "speciesKey"), Objects.requireNonNull(sightingId, "sightingId"));
    }

    @Override
    public synchronized void unpinBest(String speciesKey) {
        pins.remove(speciesKey);
    }

    @Override
    public synchronized Optional<String> pinnedBest(String speciesKey) {
        return Optional.ofNullable(pins.get(speciesKey));
    }

    @Override
    public synchronized Optional<Instant> lastNotified(String scientificName, Instant since) {
        return byId.values().stream()
                .filter(s -> s.notified() && s.isSpecies(scientificName) && !s.time().isBefore(since))
                .map(Sighting::time)
                .max(Comparator.naturalOrder());
    }

    @Override
    public synchronized boolean recordedBefore(String scientificName, Instant before) {
        return byId.values().stream().anyMatch(s -> s.isSpecies(scientificName) && s.time().isBefore(before));
    }

    @Override
    public synchronized boolean recordedBetween(String scientificName, Instant from, Instant toExclusive) {
        return byId.values().stream().anyMatch(s -> s.isSpecies(scientificName)
                && !s.time().isBefore(from) && s.time().isBefore(toExclusive));
    }

    private List<Sighting> select(Predicate<Sighting> filter, Comparator<Sighting> order) {
        List<Sighting> selected = new ArrayList<>();
        for (Sighting sighting : byId.values()) {
            if (filter.test(sighting)) {
                selected.add(sighting);
            }
        }
        selected.sort(order);
        return selected;
    }
}
