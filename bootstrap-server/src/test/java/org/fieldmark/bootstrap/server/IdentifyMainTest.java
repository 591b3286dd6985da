package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code identify} as a subcommand of the server's command, in its own JVM as a user meets it: listed
 * by the server's {@code --help}, its own help with the exit codes, and the process's exit code.
 */
class IdentifyMainTest {

    @TempDir
    Path temp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FieldmarkServer.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the process ends").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theServersHelpListsIdentifyAndIdentifysHelpItsOptionsAndExitCodes() throws Exception {
        Run server = main("--help");
        Run identify = main("identify", "--help");

        assertThat(server.exitCode()).isZero();
        assertThat(server.out()).contains("fieldmark-server identify [OPTIONS] PATH...", "fieldmark-server serve [--name=value ...]", "Commands:", "  identify  ");
        assertThat(identify.exitCode()).isZero();
        assertThat(identify.out()).contains("fieldmark identify [OPTIONS] PATH...", "--recursive", "--format",
                "--workers", "--resume", "--record", "--top-k", "--threshold", "--locator", "--inference=embedded",
                "--sightings.path=./data/fieldmark.db", "Exit codes: 0 every photo identified; 1 some photos failed")
                .doesNotContain("--server.port");
    }

    @Test
    void exitsOneWhenAPhotoFailsAndTwoOnAUsageError() throws Exception {
        Archive archive = new Archive(temp.resolve("archive"));
        archive.photo("owl.jpg", "owl.jpg");
        archive.write("empty.jpg", new byte[0]);

        Run someFailed = main("identify", archive.root().toString(), "--locator=whole");
        Run usage = main("identify", "--workers", "0", archive.root().toString());

        assertThat(someFailed.exitCode()).as(someFailed.err()).isEqualTo(1);
        assertThat(someFailed.out()).startsWith("Bird [" + archive.path("owl.jpg") + "] is a: Burrowing Owl(");
        assertThat(someFailed.err()).contains("1 photo failed:", archive.path("empty.jpg") + ": empty file");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err().strip()).isEqualTo("fieldmark identify: --workers must be a whole number from 1 to 1024, "
                + "got '0' (see fieldmark identify --help)");
    }
}
