package org.fieldmark.benchmarks.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;

/**
 * Issue 18: {@code fieldmark identify} throughput on an archive, photos per second with 2 workers,
 * next to the Python reference pipeline's in the same run. Prints {@code name value unit}.
 *
 * <p>The archive: owl.jpg, parrot.jpg, bird.bmp and a 1600x1200 feeder-camera JPEG in turn, each copy
 * with its own trailing bytes after the image (so no two contents are equal and none is skipped as a
 * duplicate). Java's side is the real server jar in its own process, {@code identify DIR --workers 2
 * --format csv --output FILE}: the rate it reports (first photo to last: files read and hashed,
 * decoded, located, classified, ranked and written), the rate over the process's whole wall time
 * (JVM start and model load included), and the CPU time per photo: the CPU of a run over a large
 * archive minus that of a run over a small one, over the photos between (start and load cancel out),
 * which a busy shared machine does not distort as it does wall time; 2 cores' rate is then 2 / that.
 * Once with {@code --locator=whole}, the like-for-like figure, and once with the default search
 * locator. The reference is the faster of Pillow ({@code draft()})
 * and OpenCV ({@code IMREAD_REDUCED_*}) decode + resize per photo kind, timed warm in Python on bytes
 * already in memory ({@link PythonAnchor}), plus the same model's warm cost on ONNX Runtime measured
 * here; on 2 cores it is taken to scale perfectly (2 processes). Both simplifications favour Python.
 *
 * <p>Usage: {@code IdentifyThroughput FIELDMARK_SERVER_JAR [--quick]}.
 */
public final class IdentifyThroughput {

    private static final List<String> KINDS = List.of("owl", "parrot", "bird", "feeder");
    private static final Pattern SUMMARY = Pattern.compile("identify: (\\d+) photos? in [0-9:]+ \\(([0-9.]+) photos/s\\)");

    private final Path serverJar;
    private final boolean quick;

    private IdentifyThroughput(Path serverJar, boolean quick) {
        this.serverJar = serverJar;
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: IdentifyThroughput FIELDMARK_SERVER_JAR [--quick]");
            System.exit(2);
        }
        new IdentifyThroughput(Path.of(args[0]), Arrays.asList(args).contains("--quick")).run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("fieldmark-identify-throughput");
        try {
            Map<String, Path> kinds = kinds(work.resolve("kinds"));
            int small = quick ? 24 : 48;
            int large = quick ? 72 : 192;
            Path smallArchive = archive(work.resolve("small"), kinds, small);
            Path largeArchive = archive(work.resolve("large"), kinds, large);
            double[] whole = java(smallArchive, largeArchive, work, "whole");
            double[] search = java(smallArchive, largeArchive, work, "search");
            Optional<PythonAnchor> python = PythonAnchor.find(work);
            if (python.isEmpty()) {
                System.out.println("identify.python_reference absent (no Python with PIL and cv2: Java figures only)");
                return;
            }
            double[] reference = python(python.get(), kinds);
            figure("identify.python_reference.photos_per_s", reference[0], "photos/s");
            figure("identify.python_reference.cpu.photos_per_s", reference[1], "photos/s");
            figure("identify.whole_vs_python", whole[0] / reference[0], "x");
            figure("identify.whole_vs_python.cpu", whole[1] / reference[1], "x");
            figure("identify.search_vs_python.cpu", search[1] / reference[1], "x");
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** One file per photo kind, for the Python side and as the archive's originals. */
    private static Map<String, Path> kinds(Path folder) throws IOException {
        Files.createDirectories(folder);
        Map<String, Path> kinds = new LinkedHashMap<>();
        byte[] owl = EmbeddedBenchmark.resource("owl.jpg");
        kinds.put("owl", Files.write(folder.resolve("owl.jpg"), owl));
        kinds.put("parrot", Files.write(folder.resolve("parrot.jpg"), EmbeddedBenchmark.resource("parrot.jpg")));
        kinds.put("bird", Files.write(folder.resolve("bird.bmp"), EmbeddedBenchmark.resource("bird.bmp")));
        kinds.put("feeder", Files.write(folder.resolve("feeder.jpg"), CameraJpegs.cameraJpeg(owl, 1600, 1200, 0.9f)));
        return kinds;
    }

    private static Path archive(Path folder, Map<String, Path> kinds, int photos) throws IOException {
        Files.createDirectories(folder);
        List<Path> originals = new ArrayList<>(kinds.values());
        for (int i = 0; i < photos; i++) {
            Path original = originals.get(i % originals.size());
            String name = original.getFileName().toString();
            byte[] bytes = Files.readAllBytes(original);
            byte[] unique = Arrays.copyOf(bytes, bytes.length + 8);
            ByteBuffer.wrap(unique, bytes.length, 8).putLong(i);
            Files.write(folder.resolve(String.format(Locale.ROOT, "%04d-%s", i, name)), unique);
        }
        return folder;
    }

    /** What one identify process did. */
    private record Run(int photos, double rate, double wallSeconds, double cpuSeconds) {
    }

    /**
     * With 2 workers: the rate identify reports on the large archive (wall time, the machine as busy as
     * it is), and 2 cores' worth of photos per second from the CPU time per photo (the large run's CPU
     * minus the small run's over the photos between: JVM start and model load cancel out).
     */
    private double[] java(Path small, Path large, Path work, String locator) throws IOException,
            InterruptedException {
        Run few = identify(small, work, locator);
        Run many = identify(large, work, locator);
        double cpuMsPerPhoto = (many.cpuSeconds() - few.cpuSeconds()) * 1000 / (many.photos() - few.photos());
        figure("identify." + locator + ".photos_per_s", many.rate(), "photos/s");
        figure("identify." + locator + ".with_start.photos_per_s", many.photos() / many.wallSeconds(), "photos/s");
        figure("identify." + locator + ".cpu_ms_per_photo", cpuMsPerPhoto, "ms");
        double cpuRate = cpuMsPerPhoto > 0 ? 2 * 1000 / cpuMsPerPhoto : Double.NaN;
        figure("identify." + locator + ".cpu.photos_per_s", cpuRate, "photos/s");
        return new double[] {many.rate(), cpuRate};
    }

    private Run identify(Path archive, Path work, String locator) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-jar", serverJar.toString(), "identify", archive.toString(),
                "--workers", "2", "--locator=" + locator, "--format", "csv", "--output",
                work.resolve(locator + ".csv").toString(), "--progress", "lines", "--progress-every", "5");
        progress("java: %s", String.join(" ", command));
        long cpuBefore = childrenCpuTicks();
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(600, TimeUnit.SECONDS) || child.exitValue() != 0) {
            child.destroyForcibly();
            throw new IllegalStateException("identify failed: " + out);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (childrenCpuTicks() - cpuBefore) / 100.0;
        System.err.print(out);
        Matcher summary = SUMMARY.matcher(out);
        if (!summary.find()) {
            throw new IllegalStateException("identify printed no summary: " + out);
        }
        return new Run(Integer.parseInt(summary.group(1)), Double.parseDouble(summary.group(2)), wall, cpu);
    }

    /**
     * CPU time (user + system, in clock ticks of 1/100 s) of this process's children that have ended:
     * fields 16 and 17 of {@code /proc/self/stat}; -1 where there is no such file.
     */
    private static long childrenCpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * 2 cores of the reference: 2 / the mean over the kinds of (best decode+resize + the model's warm
     * cost), in wall time and in CPU time.
     */
    private double[] python(PythonAnchor python, Map<String, Path> kinds) throws IOException, InterruptedException {
        Map<String, Double> warm = python.warm(new ArrayList<>(kinds.values()), quick ? 30 : 100, quick ? 10 : 30);
        double[] model = modelMillis(kinds.get("owl"));
        figure("identify.python_reference.model_ms", model[0], "ms");
        double total = 0;
        double totalCpu = 0;
        for (String kind : KINDS) {
            double best = Math.min(warm.get("python.pillow." + kind + ".decode_resize_ms"),
                    warm.get("python.opencv." + kind + ".decode_resize_ms"));
            double bestCpu = Math.min(warm.get("python.pillow." + kind + ".decode_resize.cpu_ms"),
                    warm.get("python.opencv." + kind + ".decode_resize.cpu_ms"));
            figure("identify.python_reference." + kind + ".decode_resize_ms", best, "ms");
            total += best + model[0];
            totalCpu += bestCpu + model[1];
        }
        figure("identify.python_reference.cpu_ms_per_photo", totalCpu / KINDS.size(), "ms");
        return new double[] {2 * 1000.0 / (total / KINDS.size()), 2 * 1000.0 / (totalCpu / KINDS.size())};
    }

    /** The model alone on ready pixels, warm medians on one thread, wall and CPU (its input size is fixed). */
    private double[] modelMillis(Path photo) throws IOException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try (EmbeddedOnnxInferenceAdapter model = EmbeddedOnnxInferenceAdapter.bundled(1)) {
            ByteBuffer pixels = ByteBuffer.allocateDirect(model.inputWidth() * model.inputHeight() * 3);
            byte[] bytes = Files.readAllBytes(photo);
            int rounds = quick ? 30 : 100;
            long[] wall = new long[rounds];
            long[] cpu = new long[rounds];
            for (int i = 0; i < rounds + 10; i++) {
                pixels.clear();
                model.preprocess(bytes, pixels);
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                model.run(pixels);
                if (i >= 10) {
                    wall[i - 10] = System.nanoTime() - t0;
                    cpu[i - 10] = threads.getCurrentThreadCpuTime() - c0;
                }
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            return new double[] {wall[(rounds - 1) / 2] / 1e6, cpu[(rounds - 1) / 2] / 1e6};
        }
    }

    private static void figure(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "%s %.2f %s%n", name, value, unit);
        System.out.flush();
    }

    private static void progress(String format, Object... args) {
        System.err.println("identify: " + String.format(Locale.ROOT, format, args));
    }
}
