package org.fieldmark.benchmarks.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.application.port.out.ImageBytes;

/**
 * Embedded-mode figures (issue 5 part 4, issue 7): model load, decode+resize and inference per
 * photo, images per second on one and two caller threads, and folder drop -> message latency
 * ({@link FolderDrops}: the real watcher, folder storage, {@link EmbeddedOnnxInferenceAdapter} and
 * service). Prints one
 * {@code name value unit} line per figure on stdout; progress goes to stderr. Every loop is
 * bounded in count and time; files go to a temporary folder that is deleted afterwards.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.fieldmark.benchmarks.embedded.EmbeddedBenchmark [--quick]}.
 */
public final class EmbeddedBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** The photos of adapter-local's tests, copied with their COPYRIGHT into this module's resources. */
    private static final List<String> PHOTOS = List.of("owl.jpg", "parrot.jpg", "bird.bmp");

    private final boolean quick;

    private EmbeddedBenchmark(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        // The watcher and the service log every file at INFO; 400 such lines would bury the progress.
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        new EmbeddedBenchmark(quick).runAll();
    }

    private void runAll() throws Exception {
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (String name : PHOTOS) {
            images.put(stem(name), resource(name));
        }
        long cameraStart = System.nanoTime();
        byte[] camera = CameraJpegs.cameraJpeg(images.get("owl"), 4000, 3000, 0.9f);
        progress("made the camera-sized JPEG (owl.jpg upscaled to 4000x3000, quality 0.9): %d bytes in %.0f ms",
                camera.length, millis(System.nanoTime() - cameraStart));
        figure("embedded.camera_jpeg.bytes", camera.length, "B");
        images.put("camera", camera);
        // ImageIO converts colours through an embedded ICC profile (owl.jpg and parrot.jpg carry
        // Lightroom's/Photoshop's sRGB profile, 3 kB): the same pixels with and without it say
        // what that conversion costs. The camera JPEG gets owl.jpg's profile the other way round.
        byte[] profile = CameraJpegs.iccSegments(images.get("owl"));
        images.put("owl_no_icc", CameraJpegs.withoutIcc(images.get("owl")));
        images.put("parrot_no_icc", CameraJpegs.withoutIcc(images.get("parrot")));
        images.put("camera_icc", CameraJpegs.withIcc(camera, profile));
        figure("embedded.icc_profile.owl.bytes", profile.length, "B");

        long loadStart = System.nanoTime();
        try (EmbeddedOnnxInferenceAdapter model = EmbeddedOnnxInferenceAdapter.bundled(1)) {
            figure("embedded.load_ms", millis(System.nanoTime() - loadStart), "ms");
            perPhoto(model, images);
            List<byte[]> mix = PHOTOS.stream().map(name -> images.get(stem(name))).toList();
            double seconds = quick ? 2 : 10;
            throughput(model, mix, 1, seconds, "embedded.images_per_s.1thread");
            throughput(model, mix, 2, seconds, "embedded.images_per_s.2threads");
            throughput(model, List.of(camera), 1, seconds, "embedded.images_per_s.camera.1thread");
            throughput(model, List.of(camera), 2, seconds, "embedded.images_per_s.camera.2threads");
            new FolderDrops(model, quick).runAll(mix, camera);
        }
        long wideStart = System.nanoTime();
        try (EmbeddedOnnxInferenceAdapter wide = EmbeddedOnnxInferenceAdapter.bundled(2)) {
            figure("embedded.load_ms.2intra", millis(System.nanoTime() - wideStart), "ms");
            List<byte[]> mix = PHOTOS.stream().map(name -> images.get(stem(name))).toList();
            throughput(wide, mix, 1, quick ? 2 : 10, "embedded.images_per_s.1thread_2intra");
        }
    }

    // -----------------------------------------------------------------------------------------
    // Per photo: decode+resize, inference, their sum, the share of decode+resize.
    private void perPhoto(EmbeddedOnnxInferenceAdapter model, Map<String, byte[]> images) {
        ByteBuffer pixels = ByteBuffer.allocateDirect(model.inputWidth() * model.inputHeight() * 3);
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            String name = image.getKey();
            byte[] bytes = image.getValue();
            boolean big = name.startsWith("camera");
            int warmUp = big ? (quick ? 3 : 5) : (quick ? 5 : 30);
            int rounds = big ? (quick ? 8 : 30) : (quick ? 20 : 100);
            for (int i = 0; i < warmUp; i++) {
                pixels.clear();
                model.preprocess(bytes, pixels);
                model.run(pixels);
            }
            long[] decode = new long[rounds];
            long[] infer = new long[rounds];
            long decodeCpu = 0;
            long inferCpu = 0;
            for (int i = 0; i < rounds; i++) {
                pixels.clear();
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                model.preprocess(bytes, pixels);
                long t1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                model.run(pixels);
                long t2 = System.nanoTime();
                long c2 = THREADS.getCurrentThreadCpuTime();
                decode[i] = t1 - t0;
                infer[i] = t2 - t1;
                decodeCpu += c1 - c0;
                inferCpu += c2 - c1;
            }
            double decodeMs = millis(median(decode));
            double inferMs = millis(median(infer));
            String prefix = "embedded.";
            figure(prefix + "decode_resize." + name + "_ms", decodeMs, "ms");
            figure(prefix + "decode_resize." + name + ".cpu_ms", millis(decodeCpu) / rounds, "ms");
            figure(prefix + "inference." + name + "_ms", inferMs, "ms");
            figure(prefix + "inference." + name + ".cpu_ms", millis(inferCpu) / rounds, "ms");
            figure(prefix + "end_to_end." + name + "_ms", decodeMs + inferMs, "ms");
            figure(prefix + "decode_resize_share." + name, 100 * decodeMs / (decodeMs + inferMs), "%");
            progress("%s: %d bytes, %d rounds (medians of wall time; cpu = mean thread CPU time)", name,
                    bytes.length, rounds);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Throughput: callers each run infer() (decode+resize+inference) until the time is up.
    // -----------------------------------------------------------------------------------------

    private void throughput(EmbeddedOnnxInferenceAdapter model, List<byte[]> images, int callers, double seconds,
                            String name) throws InterruptedException {
        List<ImageBytes> inputs = images.stream().map(bytes -> new ImageBytes(bytes, "")).toList();
        for (int i = 0; i < 2 * inputs.size(); i++) {
            model.infer(inputs.get(i % inputs.size()));
        }
        AtomicLong done = new AtomicLong();
        AtomicLong threadCpu = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long deadlineNanos = (long) (seconds * 1e9);
        for (int t = 0; t < callers; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                long begin = System.nanoTime();
                int i = first;
                while (System.nanoTime() - begin < deadlineNanos) {
                    model.infer(inputs.get(i++ % inputs.size()));
                    done.incrementAndGet();
                }
                threadCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
            }, "bench-caller-" + t);
            threads.add(thread);
            thread.start();
        }
        long processCpu0 = OS.getProcessCpuTime();
        long begin = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        long processCpu = OS.getProcessCpuTime() - processCpu0;
        long count = done.get();
        figure(name, count / elapsed, "images/s");
        figure(name + ".cpu_per_image_ms", millis(processCpu) / count, "ms");
        figure(name + ".caller_cpu_per_image_ms", millis(threadCpu.get()) / count, "ms");
        progress("%s: %d images in %.1f s, process CPU %.1f s (%s)", name, count, elapsed, processCpu / 1e9, model);
    }

    // -----------------------------------------------------------------------------------------

    static byte[] resource(String name) {
        try (InputStream in = EmbeddedBenchmark.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) {
                throw new IllegalStateException("photo " + name + " is missing from the benchmarks jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stem(String name) {
        return name.substring(0, name.indexOf('.'));
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    static void figure(String name, double value, String unit) {
        String text;
        if (value >= 100 || value == Math.rint(value)) {
            text = String.format(Locale.ROOT, "%.0f", value);
        } else if (value >= 10) {
            text = String.format(Locale.ROOT, "%.1f", value);
        } else {
            text = String.format(Locale.ROOT, "%.2f", value);
        }
        System.out.println(name + " " + text + " " + unit);
        System.out.flush();
    }

    static void progress(String format, Object... args) {
        System.err.println("embedded: " + String.format(Locale.ROOT, format, args));
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
