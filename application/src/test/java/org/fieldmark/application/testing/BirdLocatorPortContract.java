package org.fieldmark.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BirdLocatorPort} must do for a photo it can read. Adapters (the whole frame,
 * the classifier search, an object detector) extend this with their real models and inherit every
 * test; how each one fails is tested in the adapter's own bad-input table.
 */
public abstract class BirdLocatorPortContract {

    protected abstract BirdLocatorPort locator();

    /** A photo with a bird in it that the locator can read. */
    protected abstract ImageBytes samplePhoto();

    /** The sample photo's width in pixels. */
    protected abstract int sampleWidth();

    /** The sample photo's height in pixels. */
    protected abstract int sampleHeight();

    @Test
    void namesItselfAndCountsItsWindows() {
        Location location = locator().locate(samplePhoto());

        assertThat(location.locator()).isNotBlank();
        assertThat(location.windows()).isNotNegative();
    }

    @Test
    void findsAtLeastOneCandidateInAPhotoOfABird() {
        assertThat(locator().locate(samplePhoto()).candidates()).isNotEmpty();
    }

    @Test
    void placesEveryCandidateInsideThePhotoItWasGiven() {
        for (CandidateRegion candidate : locator().locate(samplePhoto()).candidates()) {
            assertThat(candidate.region()).as("a readable photo's candidates have regions").isNotNull();
            assertThat(candidate.region().imageWidth()).isEqualTo(sampleWidth());
            assertThat(candidate.region().imageHeight()).isEqualTo(sampleHeight());
        }
    }

    @Test
    void ordersCandidatesBestFirstWithScoresBetweenZeroAndOne() {
        List<CandidateRegion> candidates = locator().locate(samplePhoto()).candidates();

        for (int i = 0; i < candidates.size(); i++) {
            assertThat(candidates.get(i).score()).isBetween(0.0, 1.0);
            if (i > 0) {
                assertThat(candidates.get(i).score()).isLessThanOrEqualTo(candidates.get(i - 1).score());
            }
        }
    }

    @Test
    void handsOnEitherTheModelsAnswerOrANonEmptyCrop() {
        for (CandidateRegion candidate : locator().locate(samplePhoto()).candidates()) {
            if (candidate.output() != null) {
                assertThat(candidate.output().probabilities()).isNotEmpty();
                assertThat(candidate.output().modelId()).isNotBlank();
            } else {
                assertThat(candidate.crop().length()).isPositive();
            }
        }
    }

    @Test
    void locatesTheSamePhotoTheSameWay() {
        BirdLocatorPort locator = locator();

        assertThat(summary(locator.locate(samplePhoto()))).isEqualTo(summary(locator.locate(samplePhoto())));
    }

    @Test
    void answersConcurrentCallersConsistently() throws Exception {
        BirdLocatorPort locator = locator();
        String expected = summary(locator.locate(samplePhoto()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Location>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> locator.locate(samplePhoto())));
            }
            for (Future<Location> answer : answers) {
                assertThat(summary(answer.get())).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What must not change between two runs: locator, windows, regions, scores and answers. */
    private static String summary(Location location) {
        StringBuilder text = new StringBuilder(location.locator()).append(' ').append(location.windows());
        for (CandidateRegion candidate : location.candidates()) {
            text.append('\n').append(candidate.region()).append(' ').append(candidate.score());
            if (candidate.output() != null) {
                text.append(' ').append(java.util.Arrays.toString(candidate.output().probabilities()));
            } else {
                text.append(' ').append(java.util.Arrays.hashCode(candidate.crop().bytes()));
            }
        }
        return text.toString();
    }
}
