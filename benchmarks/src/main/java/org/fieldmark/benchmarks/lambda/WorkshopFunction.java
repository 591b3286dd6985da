package org.fieldmark.benchmarks.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fieldmark.benchmarks.python.PythonScripts;
import java.util.concurrent.TimeUnit;

/**
 * The anchor of issue 17 goal 2: the workshop's Python function ({@code python/workshop_function.py},
 * boto3 under a Lambda Runtime API loop), started by {@link LambdaBenchmark} like the Java function.
 * The interpreter is {@code FIELDMARK_BENCH_PYTHON} when set, else the first of {@code python3}
 * and {@code /usr/bin/python3} that imports boto3; without one the anchor is absent.
 */
final class WorkshopFunction {

    private WorkshopFunction() {
    }

    /** The command that runs the function, or empty (with the reason on stderr). */
    static Optional<List<String>> command(Path work) throws IOException {
        Path script = PythonScripts.extract(work, "workshop_function.py");
        List<String> candidates = PythonScripts.interpreters();
        for (String python : candidates) {
            try {
                // The interpreter's own path: the function runs with Lambda's environment only (no PATH).
                Process probe = new ProcessBuilder(python, "-c", "import sys, boto3; print(sys.executable)").start();
                String executable = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0 && !executable.isEmpty()) {
                    return Optional.of(List.of(executable, "-u", script.toString()));
                }
            } catch (IOException | InterruptedException e) {
                // Not there: try the next one.
            }
        }
        System.err.println("lambda: no Python with boto3 among " + candidates + " (apt-get install python3-boto3, or "
                + "set FIELDMARK_BENCH_PYTHON): the workshop anchor is left out");
        return Optional.empty();
    }
}
