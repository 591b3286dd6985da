package org.fieldmark.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's option tables are the declarations' own: a changed option fails here until the README
 * is regenerated with {@code ./mvnw -B -pl configuration -am test -Dtest=ReadmeTablesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfieldmark.update-readme=true}.
 */
class ReadmeTablesTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void holdsTheTablesTheDeclarationsWrite() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String generated = OptionTables.update(readme);
        if (Boolean.getBoolean("fieldmark.update-readme")) {
            Files.writeString(README, generated, StandardCharsets.UTF_8);
            readme = generated;
        }

        assertThat(readme).as("README.md's option tables (regenerate: see this test's Javadoc)").isEqualTo(generated);
    }

    @Test
    void listsEveryOptionOnceInTheTablesOfTheRuntimesThatReadIt() {
        String server = OptionTables.markdown(Runtimes.SERVER);
        String lambda = OptionTables.markdown(Runtimes.LAMBDA);

        for (Setting setting : Options.ALL) {
            assertThat(server.contains("| `" + setting.name() + "` |")).as(setting.name())
                    .isEqualTo(setting.runtimes().covers(Runtimes.SERVER));
            assertThat(setting.lambdaEnv() != null && lambda.contains("| `" + setting.lambdaEnv() + "` |"))
                    .as(setting.name()).isEqualTo(setting.runtimes().covers(Runtimes.LAMBDA));
        }
        assertThat(server).contains("| `identification.top-k` | `FIELDMARK_IDENTIFICATION_TOP_K` | `2` | ");
        assertThat(lambda).contains("| `POLICY_MODE` | `off` | ", "| `SNS_SUBJECT` | — | ");
    }
}
