package org.fieldmark.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shapes a model's answer may take and every way it can be unusable (the table: {@code ModelOutputCases}). */
class ModelOutputJsonTest {

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("org.fieldmark.wire.json.testing.ModelOutputCases#acceptedShapes")
    void readsTheAcceptedShapes(String shape, String json, double[] expected) {
        assertThat(ModelOutputJson.parse(json)).containsExactly(expected);
    }

    @Test
    void readsNaNAndInfinitiesSoTheCallerCanRejectThemByClass() {
        double[] vector = ModelOutputJson.parse("[NaN, Infinity, -Infinity, 0.5]");

        assertThat(vector).hasSize(4);
        assertThat(vector[0]).isNaN();
        assertThat(vector[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(vector[2]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(vector[3]).isEqualTo(0.5);
        assertThatThrownBy(() -> IdentificationRules.DEFAULT.identify("k", vector, SpeciesCatalog.WORKSHOP_4))
                .isInstanceOf(ModelOutputException.class)
                .hasMessageContaining("NaN for class 0");
    }

    @Test
    void readsALongArrayExactly() {
        Random random = new Random(965);
        double[] expected = new double[965];
        StringJoiner json = new StringJoiner(", ", "{\"predictions\": [", "]}");
        for (int i = 0; i < expected.length; i++) {
            expected[i] = switch (i % 5) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextDouble() * 1e-9;
                case 2 -> Math.scalb(random.nextDouble(), -1060);
                case 3 -> random.nextDouble() / 965;
                default -> -random.nextDouble() * 1e10;
            };
            json.add((i % 7 == 0 ? "\n" : "") + Double.toString(expected[i]));
        }

        double[] parsed = ModelOutputJson.parse(json.toString());

        assertThat(parsed).hasSize(965).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.fieldmark.wire.json.testing.ModelOutputCases#unusableOutputs")
    void rejectsAnUnusableOutputQuotingItsStart(String json, String problem) {
        assertThatThrownBy(() -> ModelOutputJson.parse(json))
                .isExactlyInstanceOf(ModelOutputException.class)
                .hasMessageStartingWith("model output is not a usable JSON probability vector: ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith("; output starts: " + json);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", " ", "\n\t\r "})
    void rejectsAnEmptyOutput(String json) {
        assertThatThrownBy(() -> ModelOutputJson.parse(json))
                .isExactlyInstanceOf(ModelOutputException.class)
                .hasMessage("model output is empty; expected a JSON array of probabilities");
    }

    @Test
    void truncatesTheQuotedStartOfALongOutput() {
        Random random = new Random(10_000);
        StringBuilder garbage = new StringBuilder("<!DOCTYPE html>");
        while (garbage.length() < 10_000) {
            garbage.append((char) ('!' + random.nextInt(94)));
        }
        String text = garbage.toString();

        assertThatThrownBy(() -> ModelOutputJson.parse(text))
                .isExactlyInstanceOf(ModelOutputException.class)
                .hasMessageContaining("output starts: " + text.substring(0, 120) + "...")
                .hasMessageEndingWith("...")
                .hasMessageNotContaining(text.substring(0, 121))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void truncatesTheQuotedStartOfALongArrayWithAnErrorAtTheEnd() {
        String text = "[" + "0.001, ".repeat(2_000) + "oops]";

        assertThatThrownBy(() -> ModelOutputJson.parse(text))
                .isExactlyInstanceOf(ModelOutputException.class)
                .hasMessageContaining("expected a number at offset " + (text.length() - 5))
                .hasMessageEndingWith("output starts: " + text.substring(0, 120) + "...");
    }

    @Test
    void readsDeeplyNestedButShallowEnoughExtraFields() {
        String nested = "[".repeat(500) + "]".repeat(500);

        assertThat(ModelOutputJson.parse("{\"meta\": " + nested + ", \"predictions\": [0.5, 0.5]}"))
                .containsExactly(0.5, 0.5);
    }

    @Test
    void rejectsAbsurdlyDeepNestingAsUnusableOutput() {
        String nested = "[".repeat(200_000) + "]".repeat(200_000);

        assertThatThrownBy(() -> ModelOutputJson.parse("{\"meta\": " + nested + ", \"predictions\": [1]}"))
                .isInstanceOf(ModelOutputException.class)
                .hasMessageContaining("nested deeper than 512 levels");
    }

    @Test
    void rejectsAUnicodeEscapeWithASign() {
        assertThatThrownBy(() -> ModelOutputJson.parse("{\"m\\u+041\": 1, \"predictions\": [1]}"))
                .isInstanceOf(ModelOutputException.class)
                .hasMessageContaining("bad \\u escape");
    }
}
