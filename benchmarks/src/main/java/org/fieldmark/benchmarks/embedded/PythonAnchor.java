package org.fieldmark.benchmarks.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldmark.benchmarks.python.PythonScripts;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code python/decode_resize.py} (Pillow with {@code draft()}, OpenCV with
 * {@code IMREAD_REDUCED_*}) in child processes and collects its {@code name value unit} lines.
 * The interpreter is {@code FIELDMARK_BENCH_PYTHON} when set, else the first of {@code python3}
 * and {@code /usr/bin/python3} that imports PIL, cv2 and numpy (Debian: {@code apt-get install
 * python3-pil python3-opencv}); without one the anchor is absent and the harness says so.
 */
final class PythonAnchor {

    private static final long LIMIT_SECONDS = 120;

    private final String python;
    private final Path script;

    private PythonAnchor(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The anchor, or empty (with the reason on stderr) when no interpreter has the packages. */
    static Optional<PythonAnchor> find(Path work) throws IOException {
        Path script = PythonScripts.extract(work, "decode_resize.py");
        List<String> candidates = PythonScripts.interpreters();
        for (String candidate : candidates) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import PIL, cv2, numpy")
                        .redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return Optional.of(new PythonAnchor(candidate, script));
                }
            } catch (IOException | InterruptedException e) {
                // Not there: try the next one.
            }
        }
        System.err.println("photo: no Python with PIL, cv2 and numpy among " + candidates
                + " (apt-get install python3-pil python3-opencv, or set FIELDMARK_BENCH_PYTHON): "
                + "the Java side is printed without its Python anchor");
        return Optional.empty();
    }

    String interpreter() {
        return python;
    }

    /** Warm medians: {@code python.<pipeline>.<photo>.decode_resize_ms}. */
    Map<String, Double> warm(List<Path> photos, int rounds, int warmUp) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "warm", Integer.toString(rounds),
                Integer.toString(warmUp)));
        photos.forEach(photo -> command.add(photo.toString()));
        return run(command);
    }

    /** The first call in a fresh interpreter: {@code python.<pipeline>.<photo>.first_decode_resize_ms}. */
    Map<String, Double> first(String pipeline, Path photo) throws IOException, InterruptedException {
        return run(List.of(python, script.toString(), "first", pipeline, photo.toString()));
    }

    private static Map<String, Double> run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Python ran over " + LIMIT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Python failed (" + process.exitValue() + "): " + command);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 3 && parts[2].equals("ms")) {
                figures.put(parts[0], Double.parseDouble(parts[1]));
            } else if (parts.length == 3 && parts[0].equals("python.versions")) {
                System.err.println("photo: " + parts[1]);
            }
        }
        return figures;
    }
}
