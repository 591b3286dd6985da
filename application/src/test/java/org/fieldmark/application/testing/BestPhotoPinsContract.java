package org.fieldmark.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every bird log that keeps best-photo pins must do (memory, SQLite): one pin per species key,
 * replaced by the next, forgotten by an unpin, kept across a reopen of a durable store. The S3 log
 * keeps none (the Lambda serves no species cards).
 */
public abstract class BestPhotoPinsContract {

    private static final String SPARROW = Sighting.key("Passer domesticus");
    private static final String ROBIN = Sighting.key("Erithacus rubecula");

    protected SightingRepository repository;

    /** A new, empty store. */
    protected abstract SightingRepository emptyRepository();

    /** The same store opened again; memory returns it as is. */
    protected SightingRepository reopen(SightingRepository current) {
        return current;
    }

    @BeforeEach
    void openAnEmptyStoreWithSightings() {
        repository = emptyRepository();
        for (String id : new String[] {"s1", "s2", "r1"}) {
            repository.save(new Sighting(id, Instant.parse("2026-05-01T06:00:00Z"), id + ".jpg", "feeder",
                    id.startsWith("s") ? "Passer domesticus" : "Erithacus rubecula", "", 0.9, true, false, "recorded",
                    null));
        }
    }

    @Test
    void aSpeciesHasNoPinUntilOneIsSet() {
        assertThat(repository.pinnedBest(SPARROW)).isEmpty();
    }

    @Test
    void aPinReplacesTheEarlierOneOfItsSpeciesOnly() {
        repository.pinBest(SPARROW, "s1");
        repository.pinBest(ROBIN, "r1");
        repository.pinBest(SPARROW, "s2");

        assertThat(repository.pinnedBest(SPARROW)).contains("s2");
        assertThat(repository.pinnedBest(ROBIN)).contains("r1");
    }

    @Test
    void anUnpinForgetsThePinOfItsSpeciesAndIsHarmlessWithoutOne() {
        repository.pinBest(SPARROW, "s1");
        repository.pinBest(ROBIN, "r1");

        repository.unpinBest(SPARROW);
        repository.unpinBest(SPARROW);

        assertThat(repository.pinnedBest(SPARROW)).isEmpty();
        assertThat(repository.pinnedBest(ROBIN)).contains("r1");
    }

    @Test
    void aPinIsKeptWhenTheStoreIsOpenedAgain() {
        repository.pinBest(SPARROW, "s2");

        assertThat(reopen(repository).pinnedBest(SPARROW)).contains("s2");
    }
}
