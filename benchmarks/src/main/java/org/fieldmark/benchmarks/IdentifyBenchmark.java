package org.fieldmark.benchmarks;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;
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
 * What the domain does per image once the model has answered: validate the vector, rank the
 * classes (top K), decide confidence and write the message, with the workshop's rules.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IdentifyBenchmark {

    @Param({"4", "965", "10000"})
    public int classes;

    @Param({"confident", "uncertain"})
    public String outcome;

    private SpeciesCatalog catalog;
    private double[] probabilities;
    private String key;

    @Setup(Level.Trial)
    public void setUp() {
        catalog = Workloads.catalog(classes);
        Workloads.Outcome kind = Workloads.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT));
        probabilities = Workloads.probabilities(classes, kind, new Random(Workloads.SEED + classes));
        key = "birds/feeder/2024-05-17T06-41-12.jpg";
        Identification check = IdentificationRules.DEFAULT.identify(key, probabilities, catalog);
        if (check.confident() != (kind == Workloads.Outcome.CONFIDENT)) {
            throw new IllegalStateException("generated vector does not give a " + outcome + " answer: "
                    + check.message());
        }
    }

    @Benchmark
    public Identification identify() {
        return IdentificationRules.DEFAULT.identify(key, probabilities, catalog);
    }
}
