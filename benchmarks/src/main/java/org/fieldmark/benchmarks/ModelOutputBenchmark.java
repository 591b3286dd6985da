package org.fieldmark.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;
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
 * Reading a model server's JSON answer ({@code [0.0012345678, ...]}) into the probability
 * vector (the inference adapters' {@link ModelOutputJson}: from text, Jackson's streaming parser
 * with its fast double parsing; from bytes, the split into FastDoubleParser), alone and followed by
 * the identification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelOutputBenchmark {

    @Param({"965"})
    public int classes;

    /**
     * How the numbers are written: {@code double} is what Python's {@code json.dumps} writes for
     * a float32 output widened to a float (17 significant digits, {@code 0.0012345678918063641});
     * {@code float} is the shortest text of the float32 value ({@code 0.0012345679}).
     */
    @Param({"double", "float"})
    public String digits;

    private SpeciesCatalog catalog;
    private String json;
    private byte[] utf8;
    private String[] numbers;
    private String key;

    @Setup(Level.Trial)
    public void setUp() {
        catalog = Workloads.catalog(classes);
        double[] probabilities = Workloads.probabilities(classes, Workloads.Outcome.UNCERTAIN,
                new Random(Workloads.SEED + classes));
        numbers = Workloads.numbers(probabilities, digits.equals("float"));
        json = "[" + String.join(", ", numbers) + "]";
        utf8 = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        key = "birds/feeder/2024-05-17T06-41-12.jpg";
        double[] read = ModelOutputJson.parse(json);
        if (!java.util.Arrays.equals(read, ModelOutputJson.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            throw new IllegalStateException("the bytes and the text of the generated JSON read differently");
        }
        for (int i = 0; i < probabilities.length; i++) {
            if ((float) read[i] != (float) probabilities[i]) {
                throw new IllegalStateException("the generated JSON reads back class " + i + " as " + read[i]
                        + " instead of " + probabilities[i]);
            }
        }
    }

    @Benchmark
    public double[] parseJson() {
        return ModelOutputJson.parse(json);
    }

    /**
     * The answer as the bytes the inference adapters receive (issue 17 goal 3): its common shape
     * split straight into FastDoubleParser, no tokenizer and no String in between (Jackson reads
     * every other shape). {@link #parseJson()}, the text reading on Jackson, is the anchor; the
     * readers weighed against each other are in {@link ModelOutputCandidatesBenchmark}.
     */
    @Benchmark
    public double[] parseJsonBytes() {
        return ModelOutputJson.parse(utf8);
    }

    @Benchmark
    public Identification parseJsonAndIdentify() {
        return IdentificationRules.DEFAULT.identify(key, ModelOutputJson.parse(json), catalog);
    }

    /** The JDK's number parsing alone over the same numbers: the floor for {@link #parseJson()}. */
    @Benchmark
    public double[] jdkParseDouble() {
        double[] values = new double[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            values[i] = Double.parseDouble(numbers[i]);
        }
        return values;
    }
}
