package org.fieldmark.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The readers of {@link ModelOutputCandidatesBenchmark} interleaved in one JVM and timed in this
 * thread's CPU time: rounds of a few hundred calls each, the candidates in turn, medians over the
 * rounds. On a machine busy with other work the load then falls on every candidate alike, where
 * JMH's one-after-the-other forks each meet a different load. Arguments: shape and digits
 * (default {@code array double}), rounds and calls per round (default 30 x 300), and
 * optionally the start of one candidate's name, to time it alone in its JVM.
 */
public final class ModelOutputRounds {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ModelOutputRounds() {
    }

    public static void main(String[] args) {
        ModelOutputCandidatesBenchmark state = new ModelOutputCandidatesBenchmark();
        state.shape = args.length > 0 ? args[0] : "array";
        state.digits = args.length > 1 ? args[1] : "double";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int calls = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        state.setUp();
        Map<String, Supplier<Object>> candidates = new LinkedHashMap<>();
        candidates.put("wireJson (split + FastDoubleParser)", state::wireJson);
        candidates.put("jacksonAsBefore (bytes, getDoubleValue)", state::jacksonAsBefore);
        candidates.put("jacksonTuned (getValueAsDouble)", state::jacksonTuned);
        candidates.put("jacksonFloat (getFloatValue)", state::jacksonFloat);
        candidates.put("jacksonCharsIntoFastDoubleParser", state::jacksonCharsIntoFastDoubleParser);
        candidates.put("fastjson2", state::fastjson2);
        candidates.put("floorEveryByteOnce", state::floorEveryByteOnce);
        if (args.length > 4) {
            candidates.keySet().removeIf(name -> !name.startsWith(args[4]));
        }
        List<String> names = new ArrayList<>(candidates.keySet());
        for (int i = 0; i < 20_000; i++) {
            for (Supplier<Object> candidate : candidates.values()) {
                candidate.get();
            }
        }
        double[][] perCall = new double[names.size()][rounds];
        Object sink = null;
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                int c = (k + round) % names.size();
                Supplier<Object> candidate = candidates.get(names.get(c));
                long start = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    sink = candidate.get();
                }
                perCall[c][round] = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / calls;
            }
        }
        if (sink == null) {
            throw new IllegalStateException("no candidate answered");
        }
        System.out.printf("shape %s, digits %s, %d rounds x %d calls, thread CPU us per call (median, quartiles)%n",
                state.shape, state.digits, rounds, calls);
        for (int c = 0; c < names.size(); c++) {
            double[] sorted = perCall[c].clone();
            Arrays.sort(sorted);
            System.out.printf("  %-42s %7.1f  (%.1f-%.1f)%n", names.get(c), sorted[rounds / 2], sorted[rounds / 4],
                    sorted[3 * rounds / 4]);
        }
    }
}
