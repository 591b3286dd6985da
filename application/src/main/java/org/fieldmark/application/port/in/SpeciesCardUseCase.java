package org.fieldmark.application.port.in;

import java.util.Optional;

/**
 * The species card: a species' counts, hours, best photo and latest sightings, and a person's
 * choice of its best photo (a pin). Species are named by scientific name, ignoring case. A species
 * is known when the catalog has it or the bird log counts a sighting as it. Pinning a sighting that
 * does not count as the species raises an {@link org.fieldmark.application.error.InvalidRequestException},
 * an unknown sighting a {@link org.fieldmark.application.error.SightingNotFoundException}.
 */
public interface SpeciesCardUseCase {

    /** The card of a species; empty when the species is neither in the catalog nor in the log. */
    Optional<SpeciesCard> card(String scientificName);

    /**
     * Makes {@code sightingId} the species' best photo, replacing an earlier pin.
     *
     * @return {@code false} when the species is unknown (nothing pinned)
     */
    boolean pin(String scientificName, String sightingId);

    /**
     * Forgets the species' pin (nothing when there is none).
     *
     * @return {@code false} when the species is unknown
     */
    boolean unpin(String scientificName);
}
