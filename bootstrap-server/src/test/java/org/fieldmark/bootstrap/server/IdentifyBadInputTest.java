package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad command line of {@code identify} is one line on standard error saying what is wrong and
 * exit code 2, before any photo is read and before anything is written.
 */
class IdentifyBadInputTest {

    @TempDir
    Path temp;

    private Archive archive;

    @BeforeEach
    void photos() throws IOException {
        archive = new Archive(temp.resolve("archive"));
        archive.photo("owl.jpg", "owl.jpg");
        Files.writeString(temp.resolve("other.csv"), "name,count\njay,2\n", StandardCharsets.UTF_8);
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of("unknown option", List.of("ARCHIVE", "--bogus"), "Unknown option: '--bogus'"),
                Arguments.of("a server-only option", List.of("ARCHIVE", "--server.port=9000"),
                        "Unknown option: '--server.port=9000'"),
                Arguments.of("no path", List.of("--format=csv"), "no PATH given"),
                Arguments.of("a path that is not there", List.of("TEMP/missing"), "'TEMP/missing' is no file or folder"),
                Arguments.of("a glob matching nothing", List.of("ARCHIVE/*.png"), "'ARCHIVE/*.png' matches no file"),
                Arguments.of("--workers 0", List.of("ARCHIVE", "--workers", "0"),
                        "--workers must be a whole number from 1 to 1024, got '0'"),
                Arguments.of("--workers not a number", List.of("ARCHIVE", "--workers=two"),
                        "--workers must be a whole number from 1 to 1024, got 'two'"),
                Arguments.of("--top-k -1", List.of("ARCHIVE", "--top-k", "-1"),
                        "identification.top-k must be between 1 and 10000, got -1"),
                Arguments.of("--threshold above 1", List.of("ARCHIVE", "--threshold=1.5"),
                        "identification.threshold must be between 0.0 and 1.0, got 1.5"),
                Arguments.of("--locator unknown", List.of("ARCHIVE", "--locator=sideways"), "locator.mode"),
                Arguments.of("--format unknown", List.of("ARCHIVE", "--format=xml"),
                        "--format must be one of text, csv, jsonl, got 'xml'"),
                Arguments.of("--progress unknown", List.of("ARCHIVE", "--progress=fancy"),
                        "--progress must be one of auto, bar, lines, off, got 'fancy'"),
                Arguments.of("--progress-every negative", List.of("ARCHIVE", "--progress-every=-1"),
                        "--progress-every must be a number of seconds from 0 to 86400, got '-1'"),
                Arguments.of("--output without a value", List.of("ARCHIVE", "--output"), "--output"),
                Arguments.of("--output in a missing folder", List.of("ARCHIVE", "--output", "TEMP/no/such/out.csv"),
                        "--output TEMP/no/such/out.csv cannot be written"),
                Arguments.of("--output is a folder", List.of("ARCHIVE", "--output", "TEMP"), "is a folder; name a file"),
                Arguments.of("--resume without --output", List.of("ARCHIVE", "--resume"), "--resume needs --output FILE"),
                Arguments.of("--resume of a foreign CSV", List.of("ARCHIVE", "--resume", "--format=csv", "--output",
                        "TEMP/other.csv"), "does not start with the CSV header of identify"),
                Arguments.of("--record with the bird log off", List.of("ARCHIVE", "--record", "--policy.mode=off"),
                        "--record needs the bird log, but policy.mode is off"),
                Arguments.of("--record into memory", List.of("ARCHIVE", "--record", "--sightings.store=memory"),
                        "sightings.store is memory"),
                Arguments.of("http inference without its URL", List.of("ARCHIVE", "--inference=http"),
                        "http-model.url is not set but inference=http needs it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void isOneLineAndExitCodeTwo(String what, List<String> template, String expected) throws IOException {
        List<String> args = new ArrayList<>();
        for (String arg : template) {
            args.add(arg.replace("ARCHIVE", archive.root().toString()).replace("TEMP", temp.toString()));
        }
        String other = Files.readString(temp.resolve("other.csv"), StandardCharsets.UTF_8);

        Archive.Run run = archive.identify(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IdentifyCli.USAGE);
        assertThat(run.err().lines().toList()).as(what).hasSize(1).first().asString()
                .startsWith("fieldmark identify: ")
                .contains(expected.replace("ARCHIVE", archive.root().toString()).replace("TEMP", temp.toString()))
                .endsWith("(see fieldmark identify --help)");
        assertThat(run.out()).isEmpty();
        assertThat(archive.modelAnswers()).isZero();
        assertThat(Files.readString(temp.resolve("other.csv"), StandardCharsets.UTF_8)).isEqualTo(other);
    }
}
