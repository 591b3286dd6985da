package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProbabilityFormatTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "0.125,     0.12",
            "0.375,     0.38",
            "0.625,     0.62",
            "0.145,     0.14",
            "0.285,     0.28",
            "0.015,     0.01",
            "0.995,     0.99",
            "0.005,     0.01",
            "0.9951,    1.00",
            "0.0,       0.00",
            "1.0,       1.00",
            "0.94,      0.94",
            "0.55,      0.55",
            "0.3,       0.30",
            "-0.0,      -0.00",
            "1.0000005, 1.00",
    })
    void printsTwoDecimalsAsPythonDoes(double value, String expected) {
        assertThat(ProbabilityFormat.twoDecimals(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "-0.001,   -0.00",
            "-0.006,   -0.01",
            "12.345,   12.35",
            "2.675,    2.67",
            "4.9E-324, 0.00",
    })
    void keepsPythonsSignAndExactValueOutsideTheUnitInterval(double value, String expected) {
        assertThat(ProbabilityFormat.twoDecimals(value)).isEqualTo(expected);
    }

    @Test
    void roundsDifferentlyFromStringFormatWhichIsWhyItExists() {
        double[] values = {0.125, 0.375, 0.625, 0.145, 0.285, 0.015, 0.995, 0.005, 0.9951};
        List<Double> differing = new ArrayList<>();
        for (double value : values) {
            if (!String.format(Locale.ROOT, "%.2f", value).equals(ProbabilityFormat.twoDecimals(value))) {
                differing.add(value);
            }
        }
        // String.format rounds the shortest decimal half-up: 0.125 -> 0.13, 0.145 -> 0.15.
        assertThat(differing).contains(0.125, 0.145).hasSizeGreaterThanOrEqualTo(2);
    }

    /** The definition: the double's exact decimal expansion, rounded half-to-even, sign kept. */
    private static String exactHalfEven(double value) {
        String text = new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        return Double.doubleToRawLongBits(value) < 0 && text.charAt(0) != '-' ? "-" + text : text;
    }

    @Test
    void agreesWithTheExactDecimalExpansionOnBoundariesAndRandomValues() {
        List<Double> values = new ArrayList<>();
        // Every two-decimal rounding boundary (k + 0.5) / 100 and its neighbours, where an
        // inexact shortcut would go wrong, and the binary ties such as 0.125 and 0.375.
        for (int k = 0; k <= 1000; k++) {
            double boundary = (k + 0.5) / 100;
            values.add(boundary);
            values.add(Math.nextUp(boundary));
            values.add(Math.nextDown(boundary));
            values.add(k / 8.0 + 1.0 / 16);
        }
        // Around the switch to BigDecimal at 2^31 and the smallest values.
        for (double edge : new double[] {0x1p31, 0x1p-9, 0x1p-8, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE}) {
            values.add(edge);
            values.add(Math.nextUp(edge));
            values.add(Math.nextDown(edge));
        }
        Random random = new Random(20240517);
        for (int i = 0; i < 50_000; i++) {
            values.add(random.nextDouble());
            values.add((double) random.nextFloat());
            values.add(random.nextDouble() * 1e-2);
            values.add(random.nextDouble() * Math.scalb(1.0, random.nextInt(40)));
        }
        for (int i = 0; i < 2_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        List<String> mismatches = new ArrayList<>();
        for (double value : values) {
            for (double signed : new double[] {value, -value}) {
                if (Double.isFinite(signed)) {
                    String expected = exactHalfEven(signed);
                    String actual = ProbabilityFormat.twoDecimals(signed);
                    if (!actual.equals(expected) && mismatches.size() < 10) {
                        mismatches.add(signed + ": expected " + expected + ", got " + actual);
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void ignoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(ProbabilityFormat.twoDecimals(0.125)).isEqualTo("0.12");
        } finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesNonFiniteValues(double value) {
        assertThatThrownBy(() -> ProbabilityFormat.twoDecimals(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite")
                .hasMessageContaining(Double.toString(value));
    }

    @Test
    void readsPythonsHexFloatsExactly() {
        assertThat(GoldenFile.hexDouble("0x1.0000000000000p-3")).isEqualTo(0.125);
        assertThat(GoldenFile.hexDouble("0x1.999999999999ap-4")).isEqualTo(0.1);
        assertThat(GoldenFile.hexDouble("0x0.0000000000001p-1022")).isEqualTo(Double.MIN_VALUE);
        assertThat(Double.doubleToRawLongBits(GoldenFile.hexDouble("-0x0.0p+0")))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void agreesWithPythonOnEveryValueOfTheGoldenFile() {
        List<String[]> rows = GoldenFile.rows("python-format-golden.tsv", 2);
        List<String> mismatches = new ArrayList<>();
        int stringFormatWouldDiffer = 0;
        for (String[] row : rows) {
            double value = GoldenFile.hexDouble(row[0]);
            String actual = ProbabilityFormat.twoDecimals(value);
            if (!actual.equals(row[1])) {
                mismatches.add(row[0] + " (" + value + "): Python " + row[1] + ", Java " + actual);
            }
            if (!String.format(Locale.ROOT, "%.2f", value).equals(row[1])) {
                stringFormatWouldDiffer++;
            }
        }
        assertThat(rows).hasSizeGreaterThan(3000);
        assertThat(mismatches).isEmpty();
        // The file is only an oracle if it holds values where the naive formatting goes wrong.
        assertThat(stringFormatWouldDiffer).isGreaterThan(50);
    }
}
