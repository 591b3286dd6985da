package org.fieldmark.benchmarks.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Python anchors' shared pieces: their scripts (resources under {@code /python/}) and which interpreters to try. */
public final class PythonScripts {

    private PythonScripts() {
    }

    /** Writes the bundled script {@code /python/<name>} into {@code work}; returns its path. */
    public static Path extract(Path work, String name) throws IOException {
        Path script = work.resolve(name);
        try (InputStream in = PythonScripts.class.getResourceAsStream("/python/" + name)) {
            if (in == null) {
                throw new IllegalStateException("python/" + name + " is missing from the benchmarks jar");
            }
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    /** {@code FIELDMARK_BENCH_PYTHON} when set, else {@code python3} and {@code /usr/bin/python3}, in that order. */
    public static List<String> interpreters() {
        String chosen = System.getenv("FIELDMARK_BENCH_PYTHON");
        if (chosen != null && !chosen.isBlank()) {
            return List.of(chosen);
        }
        return List.of("python3", "/usr/bin/python3");
    }
}
