package org.fieldmark.benchmarks.embedded;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.application.port.out.ImageBytes;

/**
 * Issue 17 goal 1: embedded photo bytes -> probabilities against the best Python pipeline, per
 * photo, warm and for the first photo after start, in one run. Prints {@code name value unit}.
 *
 * <p>The anchor per photo is the faster of Pillow ({@code draft()} + BOX resize) and OpenCV
 * ({@code IMREAD_REDUCED_*} + INTER_AREA) decode + resize, timed in Python ({@link PythonAnchor}),
 * plus the model's own cost: the same ONNX model on ONNX Runtime, the warm median of
 * {@code run} on ready pixels measured here, in this run. (onnxruntime for Python is not
 * installable here; the network is the same on either binding, and the anchor takes its warm cost
 * even for the first photo, which favours Python.) Java's side is {@code infer(ImageBytes)}:
 * decode, resize, the tensor and the model, the whole call.
 *
 * <p>Usage: {@code PhotoVsPython [--quick]}.
 */
public final class PhotoVsPython {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> PHOTOS = List.of("owl", "parrot", "bird", "camera");

    private final boolean quick;
    private final Map<String, Double> figures = new LinkedHashMap<>();

    private PhotoVsPython(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        new PhotoVsPython(Arrays.asList(args).contains("--quick")).run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("fieldmark-photo-vs-python");
        try {
            Map<String, Path> photos = writePhotos(work);
            Optional<PythonAnchor> python = PythonAnchor.find(work);
            warmJava(photos);
            firstJava(photos);
            python.ifPresent(p -> progress("Python: %s", p.interpreter()));
            if (python.isPresent()) {
                pythonSide(python.get(), photos);
            }
            ratios(python.isPresent());
        } finally {
            try (var paths = Files.walk(work)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static Map<String, Path> writePhotos(Path work) throws IOException {
        Map<String, Path> photos = new LinkedHashMap<>();
        for (String name : List.of("owl.jpg", "parrot.jpg", "bird.bmp")) {
            Path file = work.resolve(name);
            Files.write(file, EmbeddedBenchmark.resource(name));
            photos.put(name.substring(0, name.indexOf('.')), file);
        }
        // A typical 12 MP camera JPEG: owl.jpg upscaled to 4000x3000, quality 0.9 (as EmbeddedBenchmark).
        Path camera = work.resolve("camera.jpg");
        Files.write(camera, CameraJpegs.cameraJpeg(Files.readAllBytes(photos.get("owl")), 4000, 3000, 0.9f));
        photos.put("camera", camera);
        return photos;
    }

    /** Warm medians: the whole call, and the model alone on ready pixels (the anchor's model cost). */
    private void warmJava(Map<String, Path> photos) throws IOException {
        try (EmbeddedOnnxInferenceAdapter model = EmbeddedOnnxInferenceAdapter.bundled(1)) {
            ByteBuffer pixels = ByteBuffer.allocateDirect(model.inputWidth() * model.inputHeight() * 3);
            for (String name : PHOTOS) {
                byte[] bytes = Files.readAllBytes(photos.get(name));
                ImageBytes image = new ImageBytes(bytes, name);
                boolean big = name.equals("camera");
                int warmUp = big ? (quick ? 4 : 10) : (quick ? 15 : 40);
                int rounds = big ? (quick ? 10 : 30) : (quick ? 30 : 100);
                for (int i = 0; i < warmUp; i++) {
                    model.infer(image);
                }
                long[] whole = new long[rounds];
                long[] wholeCpu = new long[rounds];
                long[] prepare = new long[rounds];
                long[] infer = new long[rounds];
                long[] inferCpu = new long[rounds];
                for (int i = 0; i < rounds; i++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    model.infer(image);
                    long t1 = System.nanoTime();
                    wholeCpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
                    pixels.clear();
                    model.preprocess(bytes, pixels);
                    long c2 = THREADS.getCurrentThreadCpuTime();
                    long t2 = System.nanoTime();
                    model.run(pixels);
                    long t3 = System.nanoTime();
                    inferCpu[i] = THREADS.getCurrentThreadCpuTime() - c2;
                    whole[i] = t1 - t0;
                    prepare[i] = t2 - t1;
                    infer[i] = t3 - t2;
                }
                figure("photo." + name + ".java.warm_ms", millis(median(whole)));
                figure("photo." + name + ".java.warm.cpu_ms", millis(median(wholeCpu)));
                figure("photo." + name + ".java.decode_resize_ms", millis(median(prepare)));
                figure("photo." + name + ".model_ms", millis(median(infer)));
                figure("photo." + name + ".model.cpu_ms", millis(median(inferCpu)));
            }
        }
    }

    /** A fresh JVM per photo (and repeat): the first photo after the model is built, as the server starts. */
    private void firstJava(Map<String, Path> photos) throws IOException, InterruptedException {
        int repeats = quick ? 1 : 3;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String name : PHOTOS) {
            long[] first = new long[repeats];
            long[] firstCpu = new long[repeats];
            long[] start = new long[repeats];
            for (int r = 0; r < repeats; r++) {
                Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        FirstPhoto.class.getName(), photos.get(name).toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
                    child.destroyForcibly();
                    throw new IllegalStateException("FirstPhoto failed on " + name + ": " + out);
                }
                Map<String, Double> values = parse(out);
                first[r] = Math.round(values.get("first_ms") * 1e6);
                firstCpu[r] = Math.round(values.get("first_cpu_ms") * 1e6);
                start[r] = Math.round(values.get("start_ms") * 1e6);
            }
            figure("photo." + name + ".java.first_ms", millis(median(first)));
            figure("photo." + name + ".java.first.cpu_ms", millis(median(firstCpu)));
            figure("photo." + name + ".java.start_ms", millis(median(start)));
        }
    }

    private void pythonSide(PythonAnchor python, Map<String, Path> photos) throws IOException, InterruptedException {
        int repeats = quick ? 1 : 3;
        Map<String, Double> warm = python.warm(PHOTOS.stream().map(photos::get).toList(), quick ? 30 : 100,
                quick ? 10 : 30);
        warm.forEach(this::figure);
        for (String name : PHOTOS) {
            for (String pipeline : List.of("pillow", "opencv")) {
                long[] first = new long[repeats];
                long[] firstCpu = new long[repeats];
                String key = "python." + pipeline + "." + name + ".first_decode_resize";
                for (int r = 0; r < repeats; r++) {
                    Map<String, Double> values = python.first(pipeline, photos.get(name));
                    first[r] = Math.round(values.get(key + "_ms") * 1e6);
                    firstCpu[r] = Math.round(values.get(key + ".cpu_ms") * 1e6);
                }
                figure(key + "_ms", millis(median(first)));
                figure(key + ".cpu_ms", millis(median(firstCpu)));
            }
        }
    }

    /**
     * Per photo: Java over the anchor (the faster Python pipeline + the model's warm cost), warm
     * and first, in wall time and in CPU time; then the goal with the worst photo.
     */
    private void ratios(boolean withPython) {
        if (!withPython) {
            System.out.println("photo.anchor absent (no Python with PIL and cv2: Java figures only)");
            return;
        }
        double[] worst = new double[4];
        for (String name : PHOTOS) {
            double model = figures.get("photo." + name + ".model_ms");
            double modelCpu = figures.get("photo." + name + ".model.cpu_ms");
            worst[0] = Math.max(worst[0], ratio(name, "warm", "java.warm_ms", best(name, "decode_resize_ms") + model));
            worst[1] = Math.max(worst[1], ratio(name, "warm.cpu", "java.warm.cpu_ms",
                    best(name, "decode_resize.cpu_ms") + modelCpu));
            worst[2] = Math.max(worst[2], ratio(name, "first", "java.first_ms",
                    best(name, "first_decode_resize_ms") + model));
            worst[3] = Math.max(worst[3], ratio(name, "first.cpu", "java.first.cpu_ms",
                    best(name, "first_decode_resize.cpu_ms") + modelCpu));
        }
        String[] labels = {"warm", "warm_cpu", "first", "first_cpu"};
        for (int i = 0; i < labels.length; i++) {
            System.out.printf(Locale.ROOT, "photo.goal.%s_at_most_1.0x_python %s (worst photo %.2f x)%n", labels[i],
                    worst[i] <= 1.0 ? "met" : "missed", worst[i]);
        }
    }

    /** The faster of the two Python pipelines on {@code figure} for {@code photo}. */
    private double best(String photo, String figure) {
        return Math.min(figures.get("python.pillow." + photo + "." + figure),
                figures.get("python.opencv." + photo + "." + figure));
    }

    private double ratio(String photo, String what, String javaFigure, double anchor) {
        figure("photo." + photo + ".anchor." + what + "_ms", anchor);
        double ratio = figures.get("photo." + photo + "." + javaFigure) / anchor;
        System.out.printf(Locale.ROOT, "photo.%s.%s_vs_python %.2f x%n", photo, what, ratio);
        return ratio;
    }

    private static Map<String, Double> parse(String out) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 3) {
                values.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        return values;
    }

    private void figure(String name, double ms) {
        figures.put(name, ms);
        System.out.printf(Locale.ROOT, "%s %.2f ms%n", name, ms);
        System.out.flush();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static void progress(String format, Object... args) {
        System.err.println("photo: " + String.format(Locale.ROOT, format, args));
    }
}
