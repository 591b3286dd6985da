package org.fieldmark.adapter.local.onnx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;

/**
 * Timings for docs/local.md, not a test (nothing here is asserted): model load, decode+resize
 * per photo, inference per image, images per second on 1 and 2 caller threads.
 * Run: {@code ./mvnw -q -pl adapter-local -am test-compile} then
 * {@code java -cp adapter-local/target/test-classes:adapter-local/target/classes:<deps> ...OnnxBenchmark}
 * (see docs/local.md for the exact command).
 */
public final class OnnxBenchmark {

    /** Per-thread CPU time: the machine is shared, so wall time alone overstates the cost. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private OnnxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<String> names = List.of(Photos.OWL, Photos.PARROT, Photos.BIRD);
        long t0 = System.nanoTime();
        EmbeddedOnnxInferenceAdapter model = EmbeddedOnnxInferenceAdapter.bundled(1);
        System.out.printf(Locale.ROOT, "model load + warm-up (1 thread): %.0f ms%n", ms(System.nanoTime() - t0));
        for (String name : names) {
            byte[] bytes = Photos.bytes(name);
            ByteBuffer buffer = ByteBuffer.allocateDirect(224 * 224 * 3);
            for (int i = 0; i < 20; i++) {
                model.preprocess(bytes, buffer);
            }
            long decode = 0;
            long infer = 0;
            long decodeCpu = 0;
            long inferCpu = 0;
            for (int i = 0; i < rounds; i++) {
                long ac = CPU.getCurrentThreadCpuTime();
                long a = System.nanoTime();
                model.preprocess(bytes, buffer);
                long b = System.nanoTime();
                long bc = CPU.getCurrentThreadCpuTime();
                model.run(buffer);
                long c = System.nanoTime();
                long cc = CPU.getCurrentThreadCpuTime();
                decode += b - a;
                infer += c - b;
                decodeCpu += bc - ac;
                inferCpu += cc - bc;
            }
            long ref = System.nanoTime();
            ByteBuffer reference = ReferenceAreaAverage.resize(Photos.image(name), 224, 224);
            double refMs = ms(System.nanoTime() - ref);
            Identification fast = IdentificationRules.DEFAULT.identify(name,
                    model.run(resized(model, bytes)).probabilities(), BundledBirdModel.catalog());
            Identification slow = IdentificationRules.DEFAULT.identify(name, model.run(reference).probabilities(),
                    BundledBirdModel.catalog());
            System.out.printf(Locale.ROOT,
                    "%-10s %7d bytes  decode+resize %6.2f ms (cpu %5.2f)  inference %5.2f ms (cpu %5.2f)  | top-1 fast %s %.4f, reference "
                            + "(full decode, %.0f ms) %s %.4f, max channel diff %d%n",
                    name, bytes.length, ms(decode) / rounds, ms(decodeCpu) / rounds, ms(infer) / rounds,
                    ms(inferCpu) / rounds,
                    fast.top().scientificName(), fast.top().probability(), refMs, slow.top().scientificName(),
                    slow.top().probability(), maxDifference(resized(model, bytes), reference));
        }
        for (int threads : new int[] {1, 2}) {
            throughput(model, names, threads, rounds);
        }
        model.close();
        for (int intra : new int[] {2}) {
            long t1 = System.nanoTime();
            EmbeddedOnnxInferenceAdapter wide = EmbeddedOnnxInferenceAdapter.bundled(intra);
            System.out.printf(Locale.ROOT, "model load + warm-up (%d intra-op threads): %.0f ms%n", intra,
                    ms(System.nanoTime() - t1));
            ByteBuffer buffer = resized(wide, Photos.bytes(Photos.OWL));
            for (int i = 0; i < 20; i++) {
                wide.run(buffer);
            }
            long a = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                wide.run(buffer);
            }
            System.out.printf(Locale.ROOT, "inference with %d intra-op threads: %.2f ms/image%n", intra,
                    ms(System.nanoTime() - a) / rounds);
            throughput(wide, names, 1, rounds);
            wide.close();
        }
    }

    private static void throughput(EmbeddedOnnxInferenceAdapter model, List<String> names, int threads, int rounds)
            throws Exception {
        List<ImageBytes> images = names.stream().map(n -> new ImageBytes(Photos.bytes(n), "")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int total = rounds * images.size();
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    for (int i = me; i < total; i += threads) {
                        model.infer(images.get(i % images.size()));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s, %d caller thread(s): %.1f images/s (decode+resize+inference)%n", model,
                    threads, total / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    static ByteBuffer resized(EmbeddedOnnxInferenceAdapter model, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(224 * 224 * 3);
        model.preprocess(bytes, buffer);
        return buffer;
    }

    static int maxDifference(ByteBuffer a, ByteBuffer b) {
        int max = 0;
        for (int i = 0; i < a.capacity(); i++) {
            max = Math.max(max, Math.abs((a.get(i) & 0xFF) - (b.get(i) & 0xFF)));
        }
        return max;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
