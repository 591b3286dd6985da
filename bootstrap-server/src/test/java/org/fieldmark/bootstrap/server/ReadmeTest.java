package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fieldmark.bootstrap.lambda.LambdaEnvironment;
import org.fieldmark.configuration.Options;
import org.fieldmark.configuration.Runtimes;
import org.fieldmark.configuration.Setting;
import org.junit.jupiter.api.Test;

/** The README's configuration tables stay true: every option the code reads is documented there. */
class ReadmeTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void listsEveryServerOptionWithItsVariableAndDefault() throws IOException {
        String readme = readme();

        for (Setting option : Options.of(Runtimes.SERVER)) {
            String defaultValue = option.defaultValue(Runtimes.SERVER);
            String row = "| `" + option.name() + "` | `" + option.env() + "` | "
                    + (defaultValue == null ? "—" : "`" + defaultValue + "`") + " |";
            assertThat(readme).as(option.name()).contains(row);
        }
    }

    @Test
    void listsEveryLambdaVariable() throws IOException {
        String readme = readme();

        for (String variable : LambdaEnvironment.VARIABLES) {
            assertThat(readme).as(variable).contains("`" + variable + "`");
        }
    }

    @Test
    void startsWithTheTwoQuickStartCommands() throws IOException {
        String readme = readme();

        assertThat(readme.indexOf("./fieldmark\n")).isPositive().isLessThan(readme.indexOf("## How it is built"));
        assertThat(readme.indexOf("./mvnw -B verify\n")).isPositive().isLessThan(readme.indexOf("## How it is built"));
        assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("./mvnw -B verify 2>&1");
    }
}
