package org.fieldmark.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The split of a common shape reads exactly what Jackson reads (property-style, over random vectors
 * in every way a model server prints numbers), and hands everything else to Jackson untouched.
 */
class ModelOutputSplitTest {

    /** How a model server may print a number; each must read to the same double both ways. */
    static Stream<Arguments> printers() {
        return Stream.of(
                arguments("Double.toString", (DoubleFunction<String>) Double::toString),
                arguments("Float.toString", (DoubleFunction<String>) v -> Float.toString((float) v)),
                arguments("%.17g", (DoubleFunction<String>) v -> String.format(Locale.ROOT, "%.17g", v)),
                arguments("%.8e", (DoubleFunction<String>) v -> String.format(Locale.ROOT, "%.8e", v)),
                arguments("%.17E", (DoubleFunction<String>) v -> String.format(Locale.ROOT, "%.17E", v)),
                arguments("exact decimal expansion", (DoubleFunction<String>) v -> new BigDecimal(v).toString()),
                arguments("whole numbers", (DoubleFunction<String>) v -> new BigDecimal(v).toBigInteger().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("printers")
    void readsRandomVectorsToTheSameDoublesAsJackson(String printer, DoubleFunction<String> print) {
        Random random = new Random(printer.hashCode());
        for (int round = 0; round < 300; round++) {
            String json = randomAnswer(random, print);

            double[] split = ModelOutputSplit.read(utf8(json));
            double[] jackson = ModelOutputJson.parse(json);

            assertThat(split).as("the split reads %s itself", json).isNotNull();
            assertThat(bits(split)).as(json).containsExactly(bits(jackson));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[0.1, 0.9]", "{\"predictions\": [0.1, 0.9]}", "{\"probabilities\": [0.1, 0.9]}",
        "[[0.1,0.9]]", "{\"predictions\": [[0.1, 0.9]]}", "[1e-5, 2.5E+1, 3E2, 0.5e0, 7e-1]", "[0, -0, 0.0, -0.0]",
        " \n\t[\r\n 0.25 ,\n0.75\t]\n ", "[ [ 0.25 , 0.75 ] ]", "{ \"predictions\" : [ 1 ] }", "[1e501, -1e501]",
        "[12345678901234567890123, 1]", "[-0e-0, 0E+00, 1E-400, 4.9e-324, 1.7976931348623157e308]"})
    void readsTheCommonShapesItself(String json) {
        double[] split = ModelOutputSplit.read(utf8(json));

        assertThat(split).isNotNull();
        assertThat(bits(split)).containsExactly(bits(ModelOutputJson.parse(json)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.fieldmark.wire.json.testing.ModelOutputCases#unusableOutputs")
    void leavesEveryUnusableAnswerToJackson(String json, String problem) {
        assertThat(ModelOutputSplit.read(utf8(json))).isNull();
    }

    /** Numbers FastDoubleParser's JSON parser would take although JSON does not, and shapes Jackson reads. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[01]", "[-01]", "[00]", "[.5]", "[-.5]", "[1.]", "[0.]", "[1.e5]", "[1.5.5]", "[1e5.5]",
        "[1e5e5]", "[1-2]", "[--1]", "[-]", "[+1]", "[1e+-5]", "[1E]", "[0x10]", "[1d]", "[1f]", "[1_000]",
        "[NaN]", "[Infinity]", "[-Infinity]", "[]", "[[]]", "[1,]", "[[1,]]", "{\"predictions\": [1,]}",
        "{\"predictions\": [1], \"x\": 1}", "{\"x\": 1, \"predictions\": [1]}", "{\"pred\\u0069ctions\": [1]}",
        "{\"predictions\": [1], \"predictions\": [2]}", "[[1], [2]]", "[[[1]]]", "[\"1\"]", "[1]]", "[[1]", "\uFEFF[1]",
        "[1]\u0000", "[1\u00a0]", "[1] [2]"})
    void leavesEverythingElseToJackson(String json) {
        assertThat(ModelOutputSplit.read(utf8(json))).isNull();
    }

    private static String randomAnswer(Random random, DoubleFunction<String> print) {
        String[] separators = {",", ", ", " ,\n  ", ",\t"};
        String separator = separators[random.nextInt(separators.length)];
        StringJoiner array = new StringJoiner(separator, "[", "]");
        int length = 1 + random.nextInt(random.nextBoolean() ? 8 : 1000);
        for (int i = 0; i < length; i++) {
            array.add(print.apply(randomValue(random)));
        }
        return switch (random.nextInt(5)) {
            case 0 -> array.toString();
            case 1 -> "[" + array + "]";
            case 2 -> "{\"predictions\": " + array + "}";
            case 3 -> " {\n  \"probabilities\" :[" + array + "]\n}\n";
            default -> "\t" + array + " ";
        };
    }

    /** Probabilities mostly, and every corner of the doubles too (finite as a float for the float printer). */
    private static double randomValue(Random random) {
        double value = switch (random.nextInt(8)) {
            case 0, 1, 2 -> random.nextDouble() / 965;
            case 3 -> (float) random.nextDouble();
            case 4 -> Math.scalb(random.nextDouble(), -random.nextInt(1075));
            case 5 -> Double.longBitsToDouble(random.nextLong());
            case 6 -> random.nextInt(3) - 1.0 + random.nextInt(2) * 0.5;
            default -> random.nextBoolean() ? 0.0 : -0.0;
        };
        double sign = random.nextInt(8) == 0 ? -1 : 1;
        return Double.isFinite(value) && Float.isFinite((float) value) ? sign * value : sign * random.nextDouble();
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
