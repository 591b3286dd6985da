package org.fieldmark.adapter.local.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NonMaximumSuppressionTest {

    private static Detection box(double left, double top, double right, double bottom, double score) {
        return new Detection(left, top, right, bottom, score, 16);
    }

    @Test
    void keepsTheBestOfEachOverlappingGroupBestFirst() {
        Detection weakDuplicate = box(0.11, 0.1, 0.31, 0.3, 0.6);
        Detection strong = box(0.1, 0.1, 0.3, 0.3, 0.9);
        Detection apart = box(0.6, 0.6, 0.9, 0.9, 0.7);

        assertThat(NonMaximumSuppression.keep(List.of(weakDuplicate, apart, strong), 0.5))
                .containsExactly(strong, apart);
    }

    @Test
    void keepsTheModelsOrderForEqualScores() {
        Detection first = box(0.0, 0.0, 0.2, 0.2, 0.5);
        Detection second = box(0.5, 0.5, 0.7, 0.7, 0.5);

        assertThat(NonMaximumSuppression.keep(List.of(first, second), 0.5)).containsExactly(first, second);
        assertThat(NonMaximumSuppression.keep(List.of(second, first), 0.5)).containsExactly(second, first);
    }

    @Test
    void aThresholdOfOneKeepsEveryBoxEvenIdenticalOnes() {
        Detection a = box(0.1, 0.1, 0.3, 0.3, 0.9);
        Detection b = box(0.1, 0.1, 0.3, 0.3, 0.8);

        assertThat(NonMaximumSuppression.keep(List.of(a, b), 1.0)).containsExactly(a, b);
        assertThat(NonMaximumSuppression.keep(List.of(a, b), 0.99)).containsExactly(a);
    }

    @ParameterizedTest(name = "({0}, {1}) to ({2}, {3})")
    @CsvSource({
        "-0.5, -0.5, 0.0, 0.0",
        "1.0, 0.2, 1.5, 0.4",
        "0.3, 0.3, 0.3, 0.6",
        "0.5, 0.5, 0.4, 0.6",
        "NaN, 0.1, NaN, 0.2"})
    void dropsBoxesWithNothingInsideTheInput(double left, double top, double right, double bottom) {
        assertThat(Detection.clamped(left, top, right, bottom, 0.9, 16)).isNull();
    }

    @Test
    void clampsBoxesThatReachOutsideTheInput() {
        assertThat(Detection.clamped(-0.2, 0.5, 0.4, 1.3, 0.9, 16)).isEqualTo(new Detection(0, 0.5, 0.4, 1.0, 0.9, 16));
    }
}
