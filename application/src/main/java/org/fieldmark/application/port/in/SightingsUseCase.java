package org.fieldmark.application.port.in;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.domain.sighting.HourlyCounts;
import org.fieldmark.domain.sighting.Sighting;
import org.fieldmark.domain.sighting.SpeciesSummary;

/**
 * Read and correct the bird log: page through sightings (each with what became of telling each
 * channel about it), count species and hours, fix a wrong identification, export to eBird. A
 * reviewed sighting counts under the corrected species in every answer; one reviewed as "not a
 * bird" counts nowhere (it is still listed). Days are local days in {@link #zone()}. Bad input
 * raises an {@link org.fieldmark.application.error.InvalidRequestException}, an unknown id a
 * {@link org.fieldmark.application.error.SightingNotFoundException}.
 */
public interface SightingsUseCase {

    /** One page of sightings, newest first, each with its deliveries. */
    LoggedSightingPage sightings(SightingQuery query);

    /** One sighting with its deliveries. */
    LoggedSighting sighting(String id);

    /** Every species seen within {@code [from, toExclusive)}, most seen first; {@code new} when never seen before {@code from}. */
    List<SpeciesSummary> species(Instant from, Instant toExclusive);

    /** Sightings per real hour of a local day. */
    HourlyCounts hourly(LocalDate date);

    /** Stores a person's correction and returns the corrected sighting. */
    LoggedSighting review(ReviewSightingCommand command);

    /** The sightings within {@code [from, toExclusive)} as eBird Record Format CSV. */
    String ebirdCsv(Instant from, Instant toExclusive);

    /** The crop thumbnail (JPEG) kept with a sighting; empty when there is none. */
    Optional<byte[]> thumbnail(String sightingId);

    /** The name people read for a sighting's effective species. */
    String displayName(Sighting sighting);

    /** The time zone days are read in. */
    ZoneId zone();

    /** Today in {@link #zone()}. */
    LocalDate today();
}
