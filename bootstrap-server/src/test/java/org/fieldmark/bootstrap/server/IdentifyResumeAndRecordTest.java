package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldmark.adapter.local.sqlite.SqliteSightingRepositoryAdapter;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --resume} skips the photos an earlier run's output holds (in each format) and the model never
 * sees them again; {@code --record} writes a sighting per photo into the SQLite bird log at the time
 * the camera wrote into the photo (EXIF DateTimeOriginal, with or without its offset), else at the
 * file's time, and a second run records nothing twice.
 */
class IdentifyResumeAndRecordTest {

    private static final Instant FAR = Instant.parse("3000-01-01T00:00:00Z");

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(IdentifyCommand.Format.class)
    void resumeSkipsThePhotosTheOutputHoldsAndAppendsTheOthers(IdentifyCommand.Format format) throws IOException {
        Archive archive = new Archive(temp.resolve("archive"));
        archive.photo("owl.jpg", "owl.jpg");
        archive.photo("parrot.jpg", "parrot.jpg");
        Path output = temp.resolve("out." + format.name().toLowerCase(java.util.Locale.ROOT));
        String name = format.name().toLowerCase(java.util.Locale.ROOT);
        Archive.Run first = archive.identify(archive.root().toString(), "--format", name, "--output",
                output.toString(), "--locator=whole");
        assertThat(first.exitCode()).as(first.err()).isZero();
        archive.photo("bird.bmp", "bird.bmp");
        int before = archive.modelAnswers();

        Archive.Run second = archive.identify(archive.root().toString(), "--format", name, "--output",
                output.toString(), "--locator=whole", "--resume");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(archive.modelAnswers() - before).as("only the new photo goes to the model").isEqualTo(1);
        assertThat(second.err()).contains("identify: 1 photo to identify (2 skipped: in the output already)");
        String text = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(IdentifyResume.done(format, text, output.toString())).containsExactlyInAnyOrder(
                archive.path("owl.jpg").toString(), archive.path("parrot.jpg").toString(),
                archive.path("bird.bmp").toString());
        long rows = text.lines().count() - (format == IdentifyCommand.Format.CSV ? 1 : 0);
        assertThat(rows).as("each photo once, the header once").isEqualTo(3);
    }

    @Test
    void recordWritesSightingsAtTheExifTimeElseTheFileTimeAndOnlyOnce() throws IOException {
        Archive archive = new Archive(temp.resolve("archive"));
        byte[] owl = ExifJpeg.taken(Archive.bytes("owl.jpg"), "2019:05:04 07:30:15", "+02:00", ByteOrder.BIG_ENDIAN);
        archive.write("owl.jpg", owl);
        archive.write("parrot.jpg", ExifJpeg.taken(Archive.bytes("parrot.jpg"), "2020:01:02 03:04:05", null,
                ByteOrder.LITTLE_ENDIAN));
        Path bmp = archive.photo("bird.bmp", "bird.bmp");
        Files.setLastModifiedTime(bmp, FileTime.from(Instant.parse("2018-03-04T05:06:07Z")));
        archive.write("zcopy/owl.jpg", owl);
        Path log = temp.resolve("data/log.db");
        String[] args = {archive.root().toString(), "--recursive", "--record", "--sightings.path=" + log,
            "--policy.record-threshold=0", "--policy.time-zone=Europe/Berlin", "--locator=whole", "--format=csv",
            "--workers=1"};

        Archive.Run run = archive.identify(args);
        Archive.Run again = archive.identify(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(again.exitCode()).as(again.err()).isZero();
        List<Sighting> sightings;
        try (SqliteSightingRepositoryAdapter birdLog = SqliteSightingRepositoryAdapter.open(log)) {
            sightings = birdLog.between(Instant.EPOCH, FAR);
        }
        Map<String, Instant> times = sightings.stream().collect(Collectors.toMap(Sighting::sourceKey, Sighting::time));
        assertThat(times).as("one sighting per photo, over two runs; none for the copy's content again")
                .containsOnly(Map.entry(archive.path("owl.jpg").toString(), Instant.parse("2019-05-04T05:30:15Z")),
                        Map.entry(archive.path("parrot.jpg").toString(), Instant.parse("2020-01-02T02:04:05Z")),
                        Map.entry(archive.path("bird.bmp").toString(), Instant.parse("2018-03-04T05:06:07Z")));
        assertThat(sightings).allSatisfy(sighting -> assertThat(sighting.notified()).isFalse());
        assertThat(run.out()).contains(sightings.get(0).id());
    }
}
