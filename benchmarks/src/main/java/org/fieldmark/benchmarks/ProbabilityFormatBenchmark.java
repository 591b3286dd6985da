package org.fieldmark.benchmarks;

import java.util.concurrent.TimeUnit;
import org.fieldmark.domain.ProbabilityFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One probability printed as Python's {@code '{:2.2f}'} prints it; a message holds one to K of
 * these, so this is the fixed cost inside every identification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProbabilityFormatBenchmark {

    // Not final, so the JIT cannot fold the call into a constant.
    public double probability = (float) 0.4567;

    @Benchmark
    public String twoDecimals() {
        return ProbabilityFormat.twoDecimals(probability);
    }
}
