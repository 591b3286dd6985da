package org.fieldmark.benchmarks.embedded;

import static org.fieldmark.benchmarks.embedded.EmbeddedBenchmark.deleteTree;
import static org.fieldmark.benchmarks.embedded.EmbeddedBenchmark.figure;
import static org.fieldmark.benchmarks.embedded.EmbeddedBenchmark.millis;
import static org.fieldmark.benchmarks.embedded.EmbeddedBenchmark.percentile;
import static org.fieldmark.benchmarks.embedded.EmbeddedBenchmark.progress;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.local.folder.FolderImageStorageAdapter;
import org.fieldmark.adapter.local.folder.FolderWatcher;
import org.fieldmark.adapter.local.onnx.BundledBirdModel;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.domain.IdentificationRules;

/**
 * Folder drop -> message (issue 5 part 4, issue 17 goal 5): the real {@link FolderWatcher},
 * {@link FolderImageStorageAdapter}, model and {@link IdentifyBirdService}, photos moved into the
 * folder one at a time. Three ways in, same run: complete photos (handed over as soon as their
 * bytes prove them complete), the same photos with 16 zero bytes after their end (nothing proves
 * them complete, so they wait for the 200 ms stability delay: the path every photo took before),
 * and a stability delay of 0 (the processing alone). Also what one save of the watcher's state
 * file costs.
 */
final class FolderDrops {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Duration STABILITY = Duration.ofMillis(200);

    private final EmbeddedOnnxInferenceAdapter model;
    private final boolean quick;

    FolderDrops(EmbeddedOnnxInferenceAdapter model, boolean quick) {
        this.model = model;
        this.quick = quick;
    }

    void runAll(List<byte[]> mix, byte[] camera) throws IOException, InterruptedException {
        stateFileSync(200, quick ? 30 : 100);
        folderDrop(mix, STABILITY, quick ? 100 : 200, 100, "embedded.folder_drop");
        List<byte[]> padded = mix.stream().map(photo -> Arrays.copyOf(photo, photo.length + 16)).toList();
        folderDrop(padded, STABILITY, quick ? 50 : 200, 100, "embedded.folder_drop.stability_path");
        folderDrop(mix, Duration.ZERO, quick ? 50 : 200, 100, "embedded.folder_drop.stability0");
        folderDrop(List.of(camera), STABILITY, quick ? 10 : 50, 500, "embedded.folder_drop.camera");
    }

    private void folderDrop(List<byte[]> images, Duration stability, int files, long gapMillis, String name)
            throws IOException, InterruptedException {
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
}
