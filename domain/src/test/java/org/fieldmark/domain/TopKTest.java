package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopKTest {

    /** What TopK must match: sort every index, highest value first, ties by lower index. */
    private static int[] fullSort(double[] values, int k) {
        Comparator<Integer> byValueDescending = (a, b) -> values[a] > values[b] ? -1 : values[a] < values[b] ? 1 : 0;
        return IntStream.range(0, values.length).boxed()
                .sorted(byValueDescending.thenComparing(Comparator.naturalOrder()))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    @Test
    void returnsTheIndicesOfTheLargestValuesLargestFirst() {
        assertThat(TopK.select(new double[] {0.1, 0.3, 0.2}, 2)).containsExactly(1, 2);
        assertThat(TopK.select(new double[] {0.1, 0.3, 0.2}, 1)).containsExactly(1);
    }

    @Test
    void ranksTiesByLowerIndex() {
        assertThat(TopK.select(new double[] {0.5, 0.5, 0.5}, 2)).containsExactly(0, 1);
        assertThat(TopK.select(new double[] {0.2, 0.9, 0.2}, 2)).containsExactly(1, 0);
        assertThat(TopK.select(new double[] {0.2, 0.9, 0.2, 0.9}, 3)).containsExactly(1, 3, 0);
    }

    @Test
    void neverLetsALaterEqualValueDisplaceAnEarlierOne() {
        double[] values = {0.4, 0.1, 0.4, 0.4, 0.4};

        assertThat(TopK.select(values, 2)).containsExactly(0, 2);
    }

    @Test
    void returnsAllIndicesWhenKExceedsTheLength() {
        assertThat(TopK.select(new double[] {0.1, 0.7, 0.2}, 10)).containsExactly(1, 2, 0);
    }

    @Test
    void returnsNothingForNoValues() {
        assertThat(TopK.select(new double[0], 3)).isEmpty();
    }

    @Test
    void agreesWithAFullSortOnManyRandomVectors() {
        Random random = new Random(424242);
        double[] coarse = {0.0, 0.1, 0.25, 0.5, 0.75, 1.0};
        for (int trial = 0; trial < 5000; trial++) {
            int size = 1 + random.nextInt(50);
            int k = 1 + random.nextInt(60);
            int shape = trial % 4;
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = switch (shape) {
                    case 0 -> random.nextDouble();
                    case 1 -> coarse[random.nextInt(coarse.length)];
                    case 2 -> 0.5;
                    default -> random.nextInt(3) / 2.0 * (random.nextBoolean() ? 1 : -1);
                };
            }

            int[] expected = fullSort(values, k);
            int[] actual = TopK.select(values, k);

            assertThat(actual)
                    .as("k=%d values=%s", k, java.util.Arrays.toString(values))
                    .containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {1, 2, 5, 50, 9_999, 10_000, 10_001})
    void agreesWithAFullSortOnTenThousandClasses(int k) {
        Random random = new Random(10_000L + k);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            // Rounded to 1e-4 so that many classes tie.
            values[i] = Math.floor(random.nextDouble() * 10_000) / 10_000;
        }
        values[9_999] = 1.0;
        values[5_000] = 1.0;

        int[] actual = TopK.select(values, k);

        assertThat(actual).containsExactly(fullSort(values, k));
        assertThat(actual[0]).isEqualTo(5_000);
        if (k > 1) {
            assertThat(actual[1]).isEqualTo(9_999);
        }
    }
}
