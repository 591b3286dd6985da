package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentificationTest {

    private static final RankedPrediction CARDINAL =
            new RankedPrediction(1, 1, "Northern Cardinal", "Cardinalis cardinalis", true, 0.94);

    @Test
    void needsAtLeastOnePrediction() {
        assertThatThrownBy(() -> new Identification("k", "c", List.of(), false, "m"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("an identification needs at least one prediction");
    }

    @Test
    void copiesThePredictions() {
        List<RankedPrediction> predictions = new ArrayList<>(List.of(CARDINAL));
        Identification id = new Identification("k", "c", predictions, true, "m");

        predictions.clear();

        assertThat(id.predictions()).containsExactly(CARDINAL);
        assertThat(id.top()).isEqualTo(CARDINAL);
    }

    @Test
    void requiresKeyCatalogAndMessage() {
        List<RankedPrediction> one = List.of(CARDINAL);

        assertThatThrownBy(() -> new Identification(null, "c", one, true, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Identification("k", null, one, true, "m")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Identification("k", "c", one, true, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rankedPredictionsStartAtRankOne() {
        assertThatThrownBy(() -> new RankedPrediction(0, 1, "Northern Cardinal", null, true, 0.94))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("rank starts at 1, got 0");
    }
}
