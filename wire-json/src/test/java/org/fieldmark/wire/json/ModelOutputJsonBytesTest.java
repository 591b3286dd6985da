package org.fieldmark.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.StringJoiner;
import org.fieldmark.domain.ModelOutputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The answer read as the bytes it arrived in gives what its text gives: the same vector or the same words. */
class ModelOutputJsonBytesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("org.fieldmark.wire.json.testing.ModelOutputCases#acceptedShapes")
    void readsTheAcceptedShapesFromBytes(String shape, String json, double[] expected) {
        assertThat(ModelOutputJson.parse(utf8(json))).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.fieldmark.wire.json.testing.ModelOutputCases#unusableOutputs")
    void rejectsAnUnusableOutputInTheWordsOfTheTextReading(String json, String problem) {
        Throwable fromText = catchThrowable(() -> ModelOutputJson.parse(json));

        assertThatThrownBy(() -> ModelOutputJson.parse(utf8(json)))
                .isExactlyInstanceOf(ModelOutputException.class)
                .hasMessage(fromText.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "\n\t\r ", "\uFEFF[0.5, 0.5]", "[0.5, 0.5] [1]", "[0.5, -INF]", "[0.5, +Infinity]",
        "{\"predictions\": [0.5], \"predictions\": \"x\"", "{\"predictions\": [[0.5], [0.5]]}", "[\"0.5\"]"})
    void agreesWithTheTextReadingOnEdges(String json) {
        Throwable fromText = catchThrowable(() -> ModelOutputJson.parse(json));
        Throwable fromBytes = catchThrowable(() -> ModelOutputJson.parse(utf8(json)));

        assertThat(fromText).as("this edge is refused").isNotNull();
        assertThat(fromBytes).isExactlyInstanceOf(fromText.getClass()).hasMessage(fromText.getMessage());
    }

    @Test
    void readsAnswersThatAreFineInEitherReading() {
        assertThat(ModelOutputJson.parse(utf8("{\"predictions\": [0.25, 0.75], \"predictions\": [1]}")))
                .containsExactly(0.25, 0.75);
        assertThat(ModelOutputJson.parse(utf8("[-0, 1e400, NaN]"))).satisfies(v -> {
            assertThat(Double.doubleToRawLongBits(v[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(v[1]).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(v[2]).isNaN();
        });
    }

    @Test
    void readsBytesThatAreNotUtf8AsTheirTextDecodes() {
        byte[] json = "{\"model\": \"b?rd\", \"predictions\": [0.5, 0.5]}".getBytes(StandardCharsets.ISO_8859_1);
        json[13] = (byte) 0xE9;

        assertThat(ModelOutputJson.parse(json)).containsExactly(0.5, 0.5);
    }

    @Test
    void readsALongArrayExactlyFromBytes() {
        Random random = new Random(965);
        double[] expected = new double[965];
        StringJoiner json = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i % 3 == 0 ? Math.scalb(random.nextDouble(), -1060) : random.nextDouble() / 965;
            json.add(Double.toString(expected[i]));
        }

        assertThat(ModelOutputJson.parse(utf8(json.toString()))).containsExactly(expected);
    }

    @Test
    void readsAHugeAnswerAsTheTextReadingDoesAndRefusesItsTrailingCommaInTheSameWords() {
        String numbers = "0.0012345678918063641, 1e-7, -0, ".repeat(100_000);
        String usable = "[" + numbers + "1]";
        String trailingComma = "[" + numbers + "]";
        Throwable fromText = catchThrowable(() -> ModelOutputJson.parse(trailingComma));

        assertThat(ModelOutputJson.parse(utf8(usable))).hasSize(300_001).containsExactly(ModelOutputJson.parse(usable));
        assertThatThrownBy(() -> ModelOutputJson.parse(utf8(trailingComma)))
                .isExactlyInstanceOf(ModelOutputException.class)
                .hasMessage(fromText.getMessage())
                .hasMessageContaining("expected a number at offset " + (trailingComma.length() - 1));
    }

    @Test
    void refusesDeepNestingInTheWordsOfTheTextReading() {
        String nested = "[".repeat(100_000) + "0.5" + "]".repeat(100_000);
        Throwable fromText = catchThrowable(() -> ModelOutputJson.parse(nested));

        assertThatThrownBy(() -> ModelOutputJson.parse(utf8(nested)))
                .isExactlyInstanceOf(ModelOutputException.class)
                .hasMessage(fromText.getMessage())
                .hasMessageContaining("expected a number at offset 2");
    }

    @Test
    void aMissingAnswerIsAnEmptyOne() {
        assertThatThrownBy(() -> ModelOutputJson.parse((byte[]) null))
                .isExactlyInstanceOf(ModelOutputException.class)
                .hasMessage("model output is empty; expected a JSON array of probabilities");
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
