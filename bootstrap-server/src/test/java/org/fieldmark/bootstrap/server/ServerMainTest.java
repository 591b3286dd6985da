package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's command line as a user meets it: in its own JVM, with its exit code. */
class ServerMainTest {

    private static MainProcess run(String... args) throws IOException, InterruptedException {
        return MainProcess.run(Duration.ofSeconds(60), args);
    }

    @Test
    void exitsNonZeroListingEveryProblemOfAnInvalidConfiguration() throws Exception {
        MainProcess run = run("--server.port=eighty", "--notify=sns", "--identification.top-k=0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("configuration is invalid (3 problems)",
                "server.port must be a whole number, got 'eighty'",
                "sns.topic-arn is not set but notify=sns needs it",
                "identification.top-k must be between 1 and 10000, got 0",
                "Run with --help to see every option.");
    }

    @Test
    void printsEveryOptionForHelpAndExitsZero() throws Exception {
        MainProcess run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--server.port=8080", "env SNS_TOPIC_ARN", "--folder.path=./birds");
    }
}
