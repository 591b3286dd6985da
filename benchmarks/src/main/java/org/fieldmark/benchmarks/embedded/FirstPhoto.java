package org.fieldmark.benchmarks.embedded;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.application.port.out.ImageBytes;

/**
 * One fresh JVM, one photo: builds the bundled model as the server does at start-up (its warm-up
 * included), then times the first photo's bytes -> probabilities. Prints {@code start_ms} and
 * {@code first_ms} (wall) and {@code first_cpu_ms} (this thread's CPU time: ONNX Runtime runs
 * the model on the calling thread with one intra-op thread; the JIT's threads are not in it) on stdout. Run by {@link PhotoVsPython}, one child JVM per photo and repeat.
 *
 * <p>Usage: {@code FirstPhoto <photo file>}.
 */
public final class FirstPhoto {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FirstPhoto() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        long start = System.nanoTime();
        try (EmbeddedOnnxInferenceAdapter model = EmbeddedOnnxInferenceAdapter.bundled(1)) {
            long ready = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            double[] probabilities = model.infer(new ImageBytes(bytes, "first")).probabilities();
            long answered = System.nanoTime();
            cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            if (probabilities.length != model.classCount()) {
                throw new IllegalStateException("the model answered " + probabilities.length + " values");
            }
            System.out.printf(Locale.ROOT, "start_ms %.3f ms%nfirst_ms %.3f ms%nfirst_cpu_ms %.3f ms%n",
                    (ready - start) / 1e6, (answered - ready) / 1e6, cpu / 1e6);
        }
    }
}
