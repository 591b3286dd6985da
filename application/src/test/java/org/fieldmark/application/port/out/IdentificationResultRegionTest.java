package org.fieldmark.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fieldmark.application.testing.Results;
import org.fieldmark.domain.region.Region;
import org.junit.jupiter.api.Test;

/** An identification about a located bird says where the bird is, and keeps it through the withers. */
class IdentificationResultRegionTest {

    @Test
    void aResultAboutARegionCarriesItsBoxAndTheLocatorThatFoundIt() {
        IdentificationResult result = Results.located(Results.workshop("", "birds/a.jpg", 0.9, 0.05, 0.03, 0.02));

        assertThat(result.located()).isEqualTo(new IdentificationResult.Located("search", Results.LOCATED, 12));
        assertThat(result.located().wholeFrame()).isFalse();
    }

    @Test
    void aResultWithoutARegionSaysSoAndKeepsItThroughTheOtherWithers() {
        IdentificationResult plain = Results.workshop("", "birds/a.jpg", 0.9, 0.05, 0.03, 0.02);
        assertThat(plain.located()).isEqualTo(IdentificationResult.Located.UNLOCATED);
        assertThat(plain.located().region()).isNull();
        assertThat(plain.located().wholeFrame()).isTrue();

        IdentificationResult whole = plain.withLocated(
                new IdentificationResult.Located("whole", Region.wholeFrame(640, 480), 0));
        assertThat(whole.withTotalMillis(5).withSighting(null).located().region())
                .isEqualTo(Region.wholeFrame(640, 480));
        assertThat(whole.located().wholeFrame()).isTrue();
    }

    @Test
    void aLocatorCannotHaveScoredANegativeNumberOfWindows() {
        assertThatThrownBy(() -> new IdentificationResult.Located("search", Results.LOCATED, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windows must not be negative");
    }
}
