package org.fieldmark.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.SightingNotFoundException;
import org.fieldmark.application.port.in.LoggedSighting;
import org.fieldmark.application.port.in.LoggedSightingPage;
import org.fieldmark.application.port.in.ReviewSightingCommand;
import org.fieldmark.application.port.in.SightingsUseCase;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.SightingPage;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.sighting.EbirdRecordFormat;
import org.fieldmark.domain.sighting.HourlyCounts;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SightingStatistics;
import org.fieldmark.domain.sighting.SpeciesNames;
import org.fieldmark.domain.sighting.SpeciesSummary;

/**
 * {@link SightingsUseCase} over a {@link SightingRepository}: the log's queries, statistics, reviews
 * and export; the sightings it lists carry their deliveries as the {@link OutboxPort} keeps them.
 */
public final class SightingsService implements SightingsUseCase {

    private final SightingRepository repository;
    private final OutboxPort outbox;
    private final SpeciesNames names;
    private final ZoneId zone;
    private final Clock clock;
    private final Predicate<Sighting> photoAvailable;

    /**
     * @param repository the bird log
     * @param outbox     the outbox the sightings were recorded through: their deliveries
     * @param names      the catalog's names: corrected species are shown by them, and a review may
     *                   name a species by its common name
     * @param clock      "today", and the zone days are read in
     */
    public SightingsService(SightingRepository repository, OutboxPort outbox, SpeciesNames names, Clock clock) {
        this(repository, outbox, names, clock, sighting -> false);
    }

    /**
     * A log whose sightings say whether their photo can be shown ({@link SightingPhotos#available}).
     *
     * @param photoAvailable whether a sighting's photo is available
     */
    public SightingsService(SightingRepository repository, OutboxPort outbox, SpeciesNames names, Clock clock,
                            Predicate<Sighting> photoAvailable) {
        this.photoAvailable = Objects.requireNonNull(photoAvailable, "photoAvailable");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.names = Objects.requireNonNull(names, "names");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = clock.getZone();
    }

    @Override
    public LoggedSightingPage sightings(SightingQuery query) {
        SightingPage page = repository.page(Objects.requireNonNull(query, "query"));
        Map<String, List<Delivery>> deliveries = outbox.deliveriesOf(page.sightings().stream().map(Sighting::id)
                .toList());
        return new LoggedSightingPage(page.sightings().stream().map(s -> new LoggedSighting(s,
                repository.hasThumbnail(s.id()), deliveries.getOrDefault(s.id(), List.of()),
                photoAvailable.test(s))).toList(), page.nextCursor());
    }

    @Override
    public LoggedSighting sighting(String id) {
        Objects.requireNonNull(id, "id");
        return logged(repository.find(id).orElseThrow(() -> notFound(id)));
    }

    @Override
    public List<SpeciesSummary> species(Instant from, Instant toExclusive) {
        requireRange(from, toExclusive);
        return SightingStatistics.species(repository.between(from, toExclusive),
                species -> repository.recordedBefore(species, from), names);
    }

    @Override
    public HourlyCounts hourly(LocalDate date) {
        Objects.requireNonNull(date, "date");
        Instant start = date.atStartOfDay(zone).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        return SightingStatistics.hourly(repository.between(start, end), date, zone);
    }

    @Override
    public LoggedSighting review(ReviewSightingCommand command) {
        Review review = command.notABird() ? Review.notABirdAtAll() : Review.species(scientificName(command.label()));
        return logged(repository.review(command.sightingId(), review)
                .orElseThrow(() -> notFound(command.sightingId())));
    }

    /** A sighting as the log shows it: with its thumbnail flag, deliveries and photo flag. */
    LoggedSighting logged(Sighting sighting) {
        return new LoggedSighting(sighting, repository.hasThumbnail(sighting.id()),
                outbox.deliveriesOf(List.of(sighting.id())).getOrDefault(sighting.id(), List.of()),
                photoAvailable.test(sighting));
    }

    /** Whether the photo of {@code sighting} can be shown. */
    boolean photoAvailable(Sighting sighting) {
        return photoAvailable.test(sighting);
    }

    SightingRepository repository() {
        return repository;
    }

    SpeciesNames names() {
        return names;
    }

    private static SightingNotFoundException notFound(String id) {
        return new SightingNotFoundException("no sighting has the id '" + id + "'; take ids from GET /v1/sightings");
    }

    @Override
    public String ebirdCsv(Instant from, Instant toExclusive) {
        requireRange(from, toExclusive);
        return EbirdRecordFormat.write(repository.between(from, toExclusive), zone, names);
    }

    @Override
    public Optional<byte[]> thumbnail(String sightingId) {
        return repository.thumbnail(Objects.requireNonNull(sightingId, "sightingId"));
    }

    @Override
    public String displayName(Sighting sighting) {
        return names.displayName(sighting);
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A common name of the catalog, or anything written like a scientific name (its case normalised). */
    private String scientificName(String label) {
        String stripped = label.strip();
        var fromCatalog = names.scientificName(stripped);
        if (fromCatalog.isPresent()) {
            return fromCatalog.get();
        }
        String normalized = SpeciesNames.normalizedScientific(stripped);
        if (SpeciesNames.looksScientific(normalized)) {
            return normalized;
        }
        throw new InvalidRequestException("label '" + stripped + "' is neither a species of the catalog nor a"
                + " scientific name like 'Passer domesticus'; send {\"notABird\": true} if the photo shows no bird");
    }

    private static void requireRange(Instant from, Instant toExclusive) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toExclusive, "toExclusive");
        if (!from.isBefore(toExclusive)) {
            throw new InvalidRequestException("from (" + from + ") must be before to (" + toExclusive + ")");
        }
    }
}
