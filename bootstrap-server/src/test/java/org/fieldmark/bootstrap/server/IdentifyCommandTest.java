package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fieldmark.wire.json.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fieldmark identify} on a temporary archive of good, bad, nested and duplicate photos, with the
 * real embedded model: what each format holds, which photos fail and why, the exit codes, and the
 * progress lines written when standard error is no terminal.
 */
class IdentifyCommandTest {

    @TempDir
    Path temp;

    private Archive archive() {
        return new Archive(temp.resolve("archive"));
    }

    private static String key(Path file) {
        return file.toString();
    }

    @Test
    void csvHoldsEveryGoodNestedAndDuplicatePhotoAndListsTheBadOnesWithTheirReason() throws IOException {
        Archive archive = archive().mixed();
        Path output = temp.resolve("out.csv");

        Archive.Run run = archive.identify(archive.root().toString(), "--recursive", "--format", "csv",
                "--output", output.toString(), "--locator=whole", "--workers", "2");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IdentifyCli.SOME_FAILED);
        List<List<String>> records = IdentifyResume.records(Files.readString(output, StandardCharsets.UTF_8));
        assertThat(records.get(0)).isEqualTo(IdentifyRows.CSV_COLUMNS);
        Map<String, List<String>> byPath = records.subList(1, records.size()).stream()
                .collect(Collectors.toMap(row -> row.get(0), Function.identity()));
        String owl = key(archive.path("owl.jpg"));
        String again = key(archive.path("nested/deeper/owl-again.jpg"));
        assertThat(byPath).containsOnlyKeys(owl, key(archive.path("parrot.jpg")), key(archive.path("bird.bmp")), again);
        assertThat(byPath.get(owl).subList(1, 3)).containsExactly("Burrowing Owl", "Athene cunicularia");
        assertThat(byPath.get(key(archive.path("parrot.jpg"))).get(1)).isEqualTo("Scarlet Macaw");
        assertThat(Double.parseDouble(byPath.get(owl).get(3))).isBetween(0.5, 1.0);
        assertThat(byPath.get(owl).get(6)).startsWith("Bird [" + owl + "] is a: Burrowing Owl(");
        // Two workers: whichever copy is reached first is identified, the other names it.
        assertThat(List.of(byPath.get(owl).get(9), byPath.get(again).get(9))).as("duplicate_of")
                .isIn(List.of("", owl), List.of(again, ""));
        assertThat(byPath.get(again).get(6)).startsWith("Bird [" + again + "] is a: Burrowing Owl(");
        assertThat(byPath.get(again).subList(1, 6)).isEqualTo(byPath.get(owl).subList(1, 6));
        assertThat(archive.modelAnswers()).as("each content once; bad files never answered").isEqualTo(3);
        assertThat(run.err()).contains("3 photos failed:",
                "  " + key(archive.path("empty.jpg")) + ": empty file",
                "  " + key(archive.path("notes.jpg")) + ": not a readable JPEG, PNG or BMP image",
                "  " + key(archive.path("cut.jpg")) + ": not a readable JPEG, PNG or BMP image");
    }

    @Test
    void textIsTheWorkshopMessagePerPhotoOfTheFolderItselfWithoutRecursive() throws IOException {
        Archive archive = archive().mixed();

        Archive.Run run = archive.identify(archive.root().toString(), "--locator=whole", "--threshold", "0.999");

        assertThat(run.exitCode()).isEqualTo(IdentifyCli.SOME_FAILED);
        List<String> lines = run.out().lines().sorted().toList();
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).matches("Bird \\[.*] may be a: .*\\(0\\.\\d\\d\\), "
                + "or .*\\(0\\.\\d\\d\\)"));
        assertThat(lines.get(0)).startsWith("Bird [" + key(archive.path("bird.bmp")) + "] may be a: ");
        assertThat(run.out()).doesNotContain("nested");
    }

    @Test
    void jsonLinesCarryTheRankedSpeciesAndExitZeroWhenEveryPhotoIsIdentified() throws IOException {
        Archive archive = archive();
        archive.photo("a/owl.jpg", "owl.jpg");
        archive.photo("a/parrot.jpg", "parrot.jpg");
        archive.photo("b/owl.jpg", "owl.jpg");

        Archive.Run run = archive.identify(archive.path("a").toString(), archive.path("b/*.jpg").toString(),
                "--format=jsonl", "--top-k", "3", "--locator", "whole", "--workers", "1");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IdentifyCli.OK);
        List<Map<String, Object>> rows = run.out().lines().map(IdentifyCommandTest::json).toList();
        assertThat(rows).extracting(row -> row.get("path")).containsExactly(key(archive.path("a/owl.jpg")),
                key(archive.path("a/parrot.jpg")), key(archive.path("b/owl.jpg")));
        assertThat(rows.get(0)).containsEntry("species", "Burrowing Owl").containsEntry("scientificName",
                "Athene cunicularia").containsEntry("confident", true).containsEntry("bird", true)
                .containsEntry("duplicateOf", null).containsEntry("modelId", "inat-bird-mobilenet-v2");
        assertThat((List<?>) rows.get(1).get("predictions")).as("--top-k").hasSize(3);
        assertThat(rows.get(1).get("probability")).isInstanceOf(Double.class);
        assertThat(rows.get(2)).containsEntry("duplicateOf", key(archive.path("a/owl.jpg")))
                .containsEntry("species", "Burrowing Owl");
        assertThat(archive.modelAnswers()).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String line) {
        return (Map<String, Object>) JsonTree.read(line);
    }

    @Test
    void writesAPlainProgressLineAfterEveryPhotoWhenNotOnATerminal() throws IOException {
        Archive archive = archive();
        archive.photo("owl.jpg", "owl.jpg");
        archive.photo("parrot.jpg", "parrot.jpg");
        archive.write("empty.jpg", new byte[0]);

        Archive.Run run = archive.identify(archive.root().toString(), "--locator=whole", "--progress-every", "0",
                "--output", temp.resolve("out.txt").toString());

        assertThat(run.exitCode()).isEqualTo(IdentifyCli.SOME_FAILED);
        List<String> lines = run.err().lines().toList();
        assertThat(lines.get(0)).startsWith("identify: 3 photos to identify; inference=embedded, locator=whole");
        assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line)
                .matches("identify: [1-3]/3 \\(\\d+%\\), \\d+\\.\\d photos/s, ETA \\d+:\\d\\d(, 1 failed)?"));
        assertThat(lines.get(3)).startsWith("identify: 3/3 (100%), ").endsWith(", 1 failed");
        assertThat(lines.get(4)).matches("identify: 3 photos in \\d+:\\d\\d \\(\\d+\\.\\d photos/s\\): 2 identified "
                + "\\(0 duplicates\\), 1 failed, 0 skipped");
        assertThat(lines.get(5)).isEqualTo("1 photo failed:");
    }
}
