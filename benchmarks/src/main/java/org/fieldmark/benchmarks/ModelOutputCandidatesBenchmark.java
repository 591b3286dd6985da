package org.fieldmark.benchmarks;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import com.alibaba.fastjson2.JSONReader;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fieldmark.wire.json.ModelOutputJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ways considered for reading a model's answer (965 numbers) from its bytes, issue 17 goal 3,
 * in one run on each shape the adapters accept: wire-json's reading ({@link #wireJson()}, the
 * split of a common shape into FastDoubleParser), Jackson as wire-json used it before (the
 * anchor), Jackson tuned, Jackson's tokens with FastDoubleParser on their characters, fastjson2, and
 * a loop that only looks at every byte (the floor of any reader). Not part of {@code benchmarks/run}
 * (which measures wire-json's reading in {@link ModelOutputBenchmark}); run it by name, or
 * interleaved in one JVM with {@link ModelOutputRounds}, which a busy machine disturbs less.
 * The candidates walk the shapes without checking them: they measure the reading, not the errors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelOutputCandidatesBenchmark {

    /** wire-json's Jackson settings (ModelOutputJson.FACTORY). */
    private static final JsonFactory AS_BEFORE = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(513)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    /** Jackson with everything off that a flat array does not need. */
    private static final JsonFactory TUNED = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build();

    @Param({"array", "batch", "predictions"})
    public String shape;

    /** As in {@link ModelOutputBenchmark}: 17 significant digits, or the float's shortest text. */
    @Param({"double", "float"})
    public String digits;

    private byte[] utf8;

    @Setup(Level.Trial)
    public void setUp() {
        double[] probabilities = Workloads.probabilities(965, Workloads.Outcome.UNCERTAIN,
                new Random(Workloads.SEED + 965));
        String array = "[" + String.join(", ", Workloads.numbers(probabilities, digits.equals("float"))) + "]";
        String json = switch (shape) {
            case "array" -> array;
            case "batch" -> "[" + array + "]";
            case "predictions" -> "{\"predictions\": [" + array + "]}";
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        utf8 = json.getBytes(StandardCharsets.UTF_8);
        double[] expected = ModelOutputJson.parse(json);
        check("wireJson", expected, wireJson());
        check("jacksonAsBefore", expected, jacksonAsBefore());
        check("jacksonTuned", expected, jacksonTuned());
        check("jacksonCharsIntoFastDoubleParser", expected, jacksonCharsIntoFastDoubleParser());
        check("fastjson2", expected, fastjson2());
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (float) expected[i];
        }
        check("jacksonFloat", expected, jacksonFloat());
    }

    private static void check(String candidate, double[] expected, double[] read) {
        if (!Arrays.equals(expected, read)) {
            throw new IllegalStateException(candidate + " reads the answer differently from ModelOutputJson.parse(String)");
        }
    }

    /** wire-json's reading of the bytes (the split of a common shape, FastDoubleParser on each number). */
    @Benchmark
    public double[] wireJson() {
        return ModelOutputJson.parse(utf8);
    }

    /** Jackson's byte parser with wire-json's settings, {@code getDoubleValue}: the reading before. */
    @Benchmark
    public double[] jacksonAsBefore() {
        return jackson(AS_BEFORE, Read.DOUBLE);
    }

    @Benchmark
    public double[] jacksonTuned() {
        return jackson(TUNED, Read.VALUE_AS_DOUBLE);
    }

    /** {@code getFloatValue}: a float32 model's precision only (so it would not do for a double model). */
    @Benchmark
    public double[] jacksonFloat() {
        return jackson(TUNED, Read.FLOAT);
    }

    /** Jackson's tokens, each number's characters ({@code getTextCharacters}) handed to FastDoubleParser. */
    @Benchmark
    public double[] jacksonCharsIntoFastDoubleParser() {
        return jackson(TUNED, Read.CHARS);
    }

    /** fastjson2's streaming reader, each number with {@code readDoubleValue}. */
    @Benchmark
    public double[] fastjson2() {
        try (JSONReader reader = JSONReader.of(utf8)) {
            if (reader.nextIfObjectStart()) {
                reader.readFieldName();
            }
            reader.nextIfArrayStart();
            reader.nextIfArrayStart();
            double[] values = new double[1024];
            int count = 0;
            while (!reader.nextIfArrayEnd()) {
                values[count++] = reader.readDoubleValue();
            }
            return Arrays.copyOf(values, count);
        }
    }

    /** Every byte looked at once and nothing else: no reader can be faster. */
    @Benchmark
    public int floorEveryByteOnce() {
        int commas = 0;
        for (byte b : utf8) {
            commas += b == ',' ? 1 : 0;
        }
        return commas;
    }

    private enum Read { DOUBLE, VALUE_AS_DOUBLE, FLOAT, CHARS }

    private double[] jackson(JsonFactory factory, Read read) {
        try (JsonParser parser = factory.createParser(utf8)) {
            double[] values = new double[1024];
            int count = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                    values[count++] = switch (read) {
                        case DOUBLE -> parser.getDoubleValue();
                        case VALUE_AS_DOUBLE -> parser.getValueAsDouble();
                        case FLOAT -> parser.getFloatValue();
                        case CHARS -> JsonDoubleParser.parseDouble(parser.getTextCharacters(), parser.getTextOffset(),
                                parser.getTextLength());
                    };
                }
            }
            return Arrays.copyOf(values, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
