package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's {@code main} as a user meets it, in a JVM of its own on the test class path: its
 * exit code and what it printed. Output goes to files, so a chatty process never blocks on a full
 * pipe while the test waits for it to end.
 *
 * @param exitCode the process's exit code
 * @param out      what it printed on stdout
 * @param err      what it printed on stderr
 */
record MainProcess(int exitCode, String out, String err) {

    /** Runs {@code FieldmarkServer} with {@code args}, failing the test when it has not ended within {@code limit}. */
    static MainProcess run(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FieldmarkServer.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("fieldmark-main", ".out");
        Path err = Files.createTempFile("fieldmark-main", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            assertThat(ended).as("the process %s ends within %s", args, limit).isTrue();
            return new MainProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
