package org.fieldmark.adapter.http.in.web;

import java.util.Optional;
import org.fieldmark.application.port.in.SightingPhotosUseCase;
import org.fieldmark.application.port.in.SpeciesCard;
import org.fieldmark.application.port.in.SpeciesCardUseCase;
import org.fieldmark.application.port.out.ImageBytes;

/** An API built without photos or species cards: every photo, preview and species is not found. */
enum NoPhotos implements SightingPhotosUseCase, SpeciesCardUseCase {
    INSTANCE;

    @Override
    public Optional<ImageBytes> photo(String sightingId) {
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> preview(String sightingId) {
        return Optional.empty();
    }

    @Override
    public Optional<SpeciesCard> card(String scientificName) {
        return Optional.empty();
    }

    @Override
    public boolean pin(String scientificName, String sightingId) {
        return false;
    }

    @Override
    public boolean unpin(String scientificName) {
        return false;
    }
}
