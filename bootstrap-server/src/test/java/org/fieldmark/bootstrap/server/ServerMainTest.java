package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's command line as a user meets it: in its own JVM, with its exit code. */
class ServerMainTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FieldmarkServer.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server process ends").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void exitsNonZeroListingEveryProblemOfAnInvalidConfiguration() throws Exception {
        Run run = run("--server.port=eighty", "--notify=sns", "--identification.top-k=0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("configuration is invalid (3 problems)",
                "server.port must be a whole number, got 'eighty'",
                "sns.topic-arn is not set but notify=sns needs it",
                "identification.top-k must be between 1 and 10000, got 0",
                "Run with --help to see every option.");
    }

    @Test
    void printsEveryOptionForHelpAndExitsZero() throws Exception {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--server.port=8080", "env SNS_TOPIC_ARN", "--folder.path=./birds");
    }
}
