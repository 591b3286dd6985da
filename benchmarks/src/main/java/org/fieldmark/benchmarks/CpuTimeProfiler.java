package org.fieldmark.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the benchmark's JVM used per operation ({@code cpu.time.norm}), in the benchmark's
 * time unit. Wall-clock averages grow with whatever else the machine runs; CPU time much less,
 * so on a shared 2-core machine this is the figure that stays comparable between runs. It
 * counts the whole process (benchmark thread, GC, JIT), like {@code gc.alloc.rate.norm} does.
 * Use with {@code -prof org.fieldmark.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "Process CPU time per operation (cpu.time.norm), in the benchmark's time unit";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long used = processCpuNanos() - cpuAtStart;
        long ops = result.getMetadata().getAllOps();
        TimeUnit unit = benchmarkParams.getTimeUnit();
        double nanosPerUnit = TimeUnit.NANOSECONDS.convert(1, unit);
        double perOp = ops > 0 && used >= 0 ? used / nanosPerUnit / ops : Double.NaN;
        return List.of(new ScalarResult("cpu.time.norm", perOp, symbol(unit) + "/op", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static String symbol(TimeUnit unit) {
        return switch (unit) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "us";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            default -> unit.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
