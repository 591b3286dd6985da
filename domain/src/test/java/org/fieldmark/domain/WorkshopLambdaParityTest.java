package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default rules must write, for every probability vector, the very message the original
 * workshop Lambda wrote. The expected messages come from a Python re-implementation of that
 * Lambda ({@code golden/generate_golden.py}), so Python formats the probabilities.
 */
class WorkshopLambdaParityTest {

    @Test
    void writesTheWorkshopLambdasMessageForEveryGoldenVector() {
        List<String[]> rows = GoldenFile.rows("workshop-messages-golden.tsv", 3);
        List<String> mismatches = new ArrayList<>();
        for (String[] row : rows) {
            double[] vector = GoldenFile.hexVector(row[1]);
            String actual = IdentificationRules.DEFAULT.identify(row[0], vector, SpeciesCatalog.WORKSHOP_4).message();
            if (!actual.equals(row[2])) {
                mismatches.add(Arrays.toString(vector) + "\n  Python: " + row[2] + "\n  Java:   " + actual);
            }
        }

        assertThat(rows).hasSizeGreaterThan(2000);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void goldenVectorsCoverTheThresholdTiesAndBothMessageKinds() {
        List<String[]> rows = GoldenFile.rows("workshop-messages-golden.tsv", 3);
        long confident = rows.stream().filter(row -> row[2].contains("] is a: ")).count();
        long uncertain = rows.stream().filter(row -> row[2].contains("] may be a: ")).count();
        long topAtThreshold = rows.stream().map(row -> GoldenFile.hexVector(row[1]))
                .filter(vector -> Arrays.stream(vector).max().orElseThrow() == 0.70).count();
        long tiedForFirst = rows.stream().map(row -> GoldenFile.hexVector(row[1]))
                .filter(WorkshopLambdaParityTest::tiedForFirst).count();

        assertThat(confident).isGreaterThan(300);
        assertThat(uncertain).isGreaterThan(300);
        assertThat(topAtThreshold).isGreaterThan(100);
        assertThat(tiedForFirst).isGreaterThan(20);
    }

    private static boolean tiedForFirst(double[] vector) {
        double max = Arrays.stream(vector).max().orElseThrow();
        return Arrays.stream(vector).filter(v -> v == max).count() > 1;
    }
}
