package org.fieldmark.benchmarks.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fieldmark.adapter.local.folder.FolderImageStorageAdapter;
import org.fieldmark.adapter.local.folder.FolderWatcher;
import org.fieldmark.adapter.local.onnx.BundledBirdModel;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.domain.IdentificationRules;

/**
 * Embedded-mode figures (issue 5 part 4, issue 7): model load, decode+resize and inference per
 * photo, images per second on one and two caller threads, and folder drop -> message latency
 * through a real {@link FolderWatcher}, {@link FolderImageStorageAdapter},
 * {@link EmbeddedOnnxInferenceAdapter} and {@link IdentifyBirdService}. Prints one
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
            stateFileSync(200, quick ? 30 : 100);
            folderDrop(model, mix, Duration.ofMillis(200), 200, 100, "embedded.folder_drop");
            folderDrop(model, mix, Duration.ZERO, quick ? 50 : 200, 100, "embedded.folder_drop.stability0");
            folderDrop(model, List.of(camera), Duration.ofMillis(200), quick ? 10 : 50, 500,
                    "embedded.folder_drop.camera");
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
    // Folder drop -> message: the real watcher, folder storage, model and service.
    // -----------------------------------------------------------------------------------------

    private void folderDrop(EmbeddedOnnxInferenceAdapter model, List<byte[]> images, Duration stability, int files,
                            long gapMillis, String name) throws IOException, InterruptedException {
        Duration poll = Duration.ofMillis(200);
        Path folder = Files.createTempDirectory("fieldmark-bench-drop");
        Path staging = Files.createTempDirectory("fieldmark-bench-staging");
        Map<String, Long> moved = new ConcurrentHashMap<>();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(files);
        NotificationPort recorder = new Arrivals(arrived, all);
        FolderImageStorageAdapter storage = new FolderImageStorageAdapter(folder);
        // Every photo gets a message, whether or not the model is sure: the latency of each counts.
        IdentificationSettings settings = new IdentificationSettings(BundledBirdModel.catalog(),
                IdentificationRules.DEFAULT, IdentificationSettings.DEFAULT_MAX_IMAGE_BYTES, true);
        IdentifyBirdService service = IdentifyBirdService.builder(storage, model, recorder, settings)
                .outbox(new InMemoryOutbox()).build();
        // Warm the whole path once outside the watcher, so the first file does not pay for class loading.
        Path warm = folder.resolve("warm-up").resolve("first.jpg");
        Files.createDirectories(warm.getParent());
        Files.write(warm, images.get(0));
        service.identify(IdentifyImageCommand.notifying(
                org.fieldmark.application.port.out.ImageReference.of("warm-up/first.jpg")));
        Files.delete(warm);
        Files.delete(warm.getParent());
        arrived.clear();
        Path stateFile = staging.resolve("state");
        long cpu0 = OS.getProcessCpuTime();
        long begin = System.nanoTime();
        try (FolderWatcher watcher = new FolderWatcher(folder, stateFile, poll, stability,
                reference -> service.identify(IdentifyImageCommand.notifying(reference)))) {
            watcher.start();
            for (int i = 0; i < files; i++) {
                byte[] bytes = images.get(i % images.size());
                String key = String.format(Locale.ROOT, "drop-%03d.%s", i, bytes[0] == 'B' ? "bmp" : "jpg");
                Path temporary = staging.resolve(key + ".part");
                Files.write(temporary, bytes);
                moved.put(key, System.nanoTime());
                Files.move(temporary, folder.resolve(key), StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(gapMillis);
            }
            // Bounded: whatever has not arrived 30 s after the last drop counts as lost.
            all.await(30, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - begin;
        long cpu = OS.getProcessCpuTime() - cpu0;
        long[] latencies = moved.entrySet().stream().filter(e -> arrived.containsKey(e.getKey()))
                .mapToLong(e -> arrived.get(e.getKey()) - e.getValue()).sorted().toArray();
        reportDrop(name, latencies, files, cpu);
        progress("%s: %d files, one every %d ms (plus write time), poll %d ms, stability %d ms; %d messages; %.1f s",
                name, files, gapMillis, poll.toMillis(), stability.toMillis(), latencies.length, elapsed / 1e9);
        deleteTree(folder);
        deleteTree(staging);
    }

    /** The latency figures of one folder-drop run ({@code latencies} sorted, in nanoseconds). */
    private static void reportDrop(String name, long[] latencies, int files, long cpu) {
        figure(name + ".files", files, "files");
        figure(name + ".messages", latencies.length, "messages");
        if (latencies.length > 0) {
            figure(name + ".p50_ms", millis(percentile(latencies, 50)), "ms");
            figure(name + ".p90_ms", millis(percentile(latencies, 90)), "ms");
            figure(name + ".p99_ms", millis(percentile(latencies, 99)), "ms");
            figure(name + ".max_ms", millis(latencies[latencies.length - 1]), "ms");
            figure(name + ".min_ms", millis(latencies[0]), "ms");
        }
        figure(name + ".cpu_per_file_ms", millis(cpu) / files, "ms");
        if (latencies.length > 0) {
            StringBuilder deciles = new StringBuilder();
            for (int p = 10; p <= 100; p += 10) {
                deciles.append(String.format(Locale.ROOT, " p%d=%.0f", p, millis(percentile(latencies, p))));
            }
            progress("%s latency deciles (ms):%s", name, deciles);
        }
    }

    /** Notes when each dropped file's message arrives (not the warm-up's), each once. */
    private record Arrivals(Map<String, Long> arrived, CountDownLatch all) implements NotificationPort {
        @Override
        public void publish(IdentificationResult result) {
            long now = System.nanoTime();
            String key = result.source().key();
            if (key.startsWith("drop-") && arrived.putIfAbsent(key, now) == null) {
                all.countDown();
            }
        }

        @Override
        public void publishDigest(org.fieldmark.domain.sighting.DailyDigest digest) {
            // The benchmark sends no digests.
        }
    }

    /**
     * What one save of the watcher's state file costs on the disk under the temporary folder: the
     * watcher rewrites the file whole (one line per handled photo), forces it to disk and moves it
     * into place after every handled photo.
     */
    private void stateFileSync(int lines, int rounds) throws IOException {
        Path folder = Files.createTempDirectory("fieldmark-bench-fsync");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(String.format(Locale.ROOT, "DONE\t155944\t2026-11-28T02:40:03.123456789Z\tdrop-%03d.jpg%n", i));
        }
        byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long[] took = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            Path temporary = folder.resolve(".state.tmp");
            long t0 = System.nanoTime();
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, folder.resolve("state"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            took[i] = System.nanoTime() - t0;
        }
        Arrays.sort(took);
        figure("embedded.state_file_save.p50_ms", millis(percentile(took, 50)), "ms");
        figure("embedded.state_file_save.p99_ms", millis(percentile(took, 99)), "ms");
        progress("state file save (%d lines, %d bytes, write + force + move), %d rounds in %s", lines, bytes.length,
                rounds, folder.getParent());
        deleteTree(folder);
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

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static void figure(String name, double value, String unit) {
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

    private static void progress(String format, Object... args) {
        System.err.println("embedded: " + String.format(Locale.ROOT, format, args));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
