package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code identify} as a subcommand of the server's command, in its own JVM as a user meets it: listed
 * by the server's {@code --help}, its own help with the exit codes, and the process's exit code.
 */
class IdentifyMainTest {

    @TempDir
    Path temp;

    private static MainProcess main(String... args) throws IOException, InterruptedException {
        return MainProcess.run(Duration.ofSeconds(120), args);
    }

    @Test
    void theServersHelpListsIdentifyAndIdentifysHelpItsOptionsAndExitCodes() throws Exception {
        MainProcess server = main("--help");
        MainProcess identify = main("identify", "--help");

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

        MainProcess someFailed = main("identify", archive.root().toString(), "--locator=whole");
        MainProcess usage = main("identify", "--workers", "0", archive.root().toString());

        assertThat(someFailed.exitCode()).as(someFailed.err()).isEqualTo(1);
        assertThat(someFailed.out()).startsWith("Bird [" + archive.path("owl.jpg") + "] is a: Burrowing Owl(");
        assertThat(someFailed.err()).contains("1 photo failed:", archive.path("empty.jpg") + ": empty file");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err().strip()).isEqualTo("fieldmark identify: --workers must be a whole number from 1 to 1024, "
                + "got '0' (see fieldmark identify --help)");
    }
}
