package org.fieldmark.application.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.SightingNotFoundException;
import org.fieldmark.application.port.in.LoggedSighting;
import org.fieldmark.application.port.in.SpeciesCard;
import org.fieldmark.application.port.in.SpeciesCardUseCase;
import org.fieldmark.application.port.out.SightingPage;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SpeciesNames;

/**
 * {@link SpeciesCardUseCase} over the bird log of a {@link SightingsService}: the species'
 * sightings (as reviewed) are read page by page, newest first, and counted; the best photo is the
 * pinned sighting while it still counts as the species, else the most probable sighting whose
 * photo is available (ties: the newer). Hours are local hours in the log's zone.
 */
public final class SpeciesCardService implements SpeciesCardUseCase {

    private final SightingsService log;
    private final SightingRepository repository;
    private final SpeciesNames names;

    public SpeciesCardService(SightingsService log) {
        this.log = Objects.requireNonNull(log, "log");
        this.repository = log.repository();
        this.names = log.names();
    }

    @Override
    public Optional<SpeciesCard> card(String scientificName) {
        String name = name(scientificName);
        List<Sighting> all = sightingsOf(name);
        if (all.isEmpty() && names.commonName(name).isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = log.zone();
        Integer[] hours = new Integer[24];
        Arrays.fill(hours, 0);
        Instant first = null;
        for (Sighting sighting : all) {
            hours[sighting.time().atZone(zone).getHour()]++;
            first = sighting.time();
        }
        Optional<Sighting> pinned = pinned(name);
        Optional<Sighting> best = pinned.isPresent() ? pinned : mostProbableWithPhoto(all);
        List<LoggedSighting> recent = all.stream().limit(SpeciesCard.RECENT).map(log::logged).toList();
        String display = names.commonName(name).orElseGet(() -> all.isEmpty() ? name : log.displayName(all.get(0)));
        String scientific = all.isEmpty() ? name : all.get(0).effectiveScientificName();
        return Optional.of(new SpeciesCard(scientific, display, all.size(), first,
                all.isEmpty() ? null : all.get(0).time(), List.of(hours), best.map(log::logged).orElse(null),
                pinned.isPresent(), recent));
    }

    @Override
    public boolean pin(String scientificName, String sightingId) {
        String name = name(scientificName);
        Objects.requireNonNull(sightingId, "sightingId");
        if (!known(name)) {
            return false;
        }
        Sighting sighting = repository.find(sightingId).orElseThrow(() -> new SightingNotFoundException(
                "no sighting has the id '" + sightingId + "'; take ids from the species card's recent sightings"));
        if (!sighting.isSpecies(name)) {
            throw new InvalidRequestException("sighting '" + sightingId + "' counts as "
                    + (sighting.countsAsBird() ? sighting.effectiveScientificName() : "no bird") + ", not as " + name
                    + "; pin one of " + name + "'s own sightings (or correct this one first)");
        }
        repository.pinBest(Sighting.key(name), sightingId);
        return true;
    }

    @Override
    public boolean unpin(String scientificName) {
        String name = name(scientificName);
        if (!known(name)) {
            return false;
        }
        repository.unpinBest(Sighting.key(name));
        return true;
    }

    private static String name(String scientificName) {
        Objects.requireNonNull(scientificName, "scientificName");
        String name = SpeciesNames.normalizedScientific(scientificName.strip());
        if (name.isEmpty()) {
            throw new InvalidRequestException("the species' scientific name must not be blank");
        }
        return name;
    }

    private boolean known(String name) {
        return names.commonName(name).isPresent()
                || !repository.page(new SightingQuery(null, null, name, 1, null)).sightings().isEmpty();
    }

    /** The pinned sighting while it still counts as the species. */
    private Optional<Sighting> pinned(String name) {
        return repository.pinnedBest(Sighting.key(name)).flatMap(repository::find).filter(s -> s.isSpecies(name));
    }

    private Optional<Sighting> mostProbableWithPhoto(List<Sighting> newestFirst) {
        List<Sighting> byProbability = new ArrayList<>(newestFirst);
        // Stable sort: equally probable sightings stay newest first.
        byProbability.sort(Comparator.comparingDouble(Sighting::probability).reversed());
        return byProbability.stream().filter(log::photoAvailable).findFirst();
    }

    /** Every sighting that counts as the species, newest first. */
    private List<Sighting> sightingsOf(String name) {
        List<Sighting> all = new ArrayList<>();
        String cursor = null;
        do {
            SightingPage page = repository.page(new SightingQuery(null, null, name, SightingQuery.MAX_LIMIT, cursor));
            all.addAll(page.sightings());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
