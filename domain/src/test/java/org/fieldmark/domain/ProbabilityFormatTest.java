package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
