package org.fieldmark.adapter.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.testing.SightingRepositoryContract;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SQLite log in a temporary folder: the shared contract, the schema and its migrations, bad files. */
class SqliteSightingRepositoryAdapterTest extends SightingRepositoryContract {

    @TempDir
    Path folder;
    private final List<SqliteSightingRepositoryAdapter> opened = new ArrayList<>();

    @Override
    protected SightingRepository emptyRepository() {
        return open(folder.resolve("log").resolve("fieldmark.db"));
    }

    @Override
    protected SightingRepository reopen(SightingRepository current) {
        SqliteSightingRepositoryAdapter sqlite = (SqliteSightingRepositoryAdapter) current;
        sqlite.close();
        SqliteSightingRepositoryAdapter again = open(sqlite.file());
        repository = again;
        return again;
    }

    private SqliteSightingRepositoryAdapter open(Path file) {
        SqliteSightingRepositoryAdapter adapter = SqliteSightingRepositoryAdapter.open(file);
        opened.add(adapter);
        return adapter;
    }

    @AfterEach
    void closeEverything() {
        opened.forEach(SqliteSightingRepositoryAdapter::close);
    }

    private static Object pragma(Path file, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    @Test
    void createsTheParentFoldersAndAWalModeFileAtTheLatestSchemaVersion() throws SQLException {
        Path file = folder.resolve("a/b/c/birds.db");

        open(file);

        assertThat(file).isRegularFile();
        assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(file, "user_version")).isEqualTo(SqliteSchema.LATEST);
    }

    @Test
    void usesAnIndexForTimeAndForSpeciesQueries() throws SQLException {
        Path file = folder.resolve("plan.db");
        open(file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            assertThat(plan(statement, "SELECT * FROM sightings WHERE time_ns >= 1 AND time_ns < 2 ORDER BY time_ns, id"))
                    .contains("sightings_by_time");
            assertThat(plan(statement, "SELECT 1 FROM sightings WHERE species_key = 'x' AND time_ns < 5 LIMIT 1"))
                    .contains("sightings_by_species");
        }
    }

    private static String plan(Statement statement, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rows.next()) {
                plan.append(rows.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void openingAgainAppliesNoMigrationTwice() throws SQLException {
        Path file = folder.resolve("twice.db");
        open(file).close();

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(SqliteSchema.migrate(connection, SqliteSchema.LATEST)).isEmpty();
            assertThat(SqliteSchema.version(connection)).isEqualTo(SqliteSchema.LATEST);
        }
    }

    @Test
    void upgradesAVersionOneFileKeepingEverySightingAndKeyingReviewedAndNonAsciiSpecies() throws SQLException {
        Path file = folder.resolve("v1.db");
        SqliteSightingRepositoryAdapter.open(file, 1).close();
        assertThat(pragma(file, "user_version")).isEqualTo(1);
        Instant t = Instant.parse("2024-05-01T06:30:00Z");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO sightings (id, time_ns, source_key,"
                     + " source, scientific_name, display_name, probability, confident, notified, reason, review_name,"
                     + " review_not_a_bird) VALUES (?, ?, 'k', 'feeder', ?, 'd', 0.8, 1, ?, 'r', ?, ?)")) {
            Object[][] rows = {
                    {"plain", 0L, "Passer domesticus", 1, null, 0},
                    {"greek", 1L, "ÆRDEA ÇINEREA", 0, null, 0},
                    {"corrected", 2L, "Passer domesticus", 1, "Erithacus rubecula", 0},
                    {"no-bird", 3L, "Passer domesticus", 0, null, 1}};
            for (Object[] row : rows) {
                insert.setString(1, (String) row[0]);
                insert.setLong(2, t.getEpochSecond() * 1_000_000_000L + (long) row[1]);
                insert.setString(3, (String) row[2]);
                insert.setInt(4, (int) row[3]);
                insert.setString(5, (String) row[4]);
                insert.setInt(6, (int) row[5]);
                insert.executeUpdate();
            }
        }

        SqliteSightingRepositoryAdapter upgraded = open(file);

        assertThat(pragma(file, "user_version")).isEqualTo(SqliteSchema.LATEST);
        assertThat(upgraded.between(t, t.plusSeconds(1))).extracting(Sighting::id)
                .containsExactly("plain", "greek", "corrected", "no-bird");
        assertThat(upgraded.find("corrected").orElseThrow().review()).isEqualTo(Review.species("Erithacus rubecula"));
        assertThat(upgraded.page(new SightingQuery(null, null, "ærdea çinerea", 10, null)).sightings())
                .extracting(Sighting::id).containsExactly("greek");
        assertThat(upgraded.page(new SightingQuery(null, null, "passer domesticus", 10, null)).sightings())
                .extracting(Sighting::id).containsExactly("plain");
        assertThat(upgraded.recordedBefore("Erithacus rubecula", t.plusSeconds(1))).isTrue();
    }

    @Test
    void upgradesAVersionTwoFileToSightingsWithoutRegionsThatCanKeepThumbnails() throws SQLException {
        Path file = folder.resolve("v2.db");
        SqliteSightingRepositoryAdapter.open(file, 2).close();
        Sighting before = sighting("before", NOON, "Passer domesticus", true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO sightings (id, time_ns, source_key, source, scientific_name, display_name,"
                    + " probability, confident, notified, reason, review_name, review_not_a_bird, species_key) VALUES"
                    + " ('before', " + NOON.getEpochSecond() * 1_000_000_000L + ", 'birds/before.jpg', 'feeder',"
                    + " 'Passer domesticus', 'Bird Passer domesticus', 0.9, 1, 1, 'notify: every', NULL, 0,"
                    + " 'passer domesticus')");
        }
        assertThat(pragma(file, "user_version")).isEqualTo(2);

        SqliteSightingRepositoryAdapter upgraded = open(file);

        assertThat(pragma(file, "user_version")).isEqualTo(SqliteSchema.LATEST);
        assertThat(upgraded.find("before")).contains(before);
        assertThat(upgraded.find("before").orElseThrow().region()).isNull();
        assertThat(upgraded.hasThumbnail("before")).isFalse();
        upgraded.saveThumbnail("before", new byte[] {(byte) 0xFF, (byte) 0xD8});
        assertThat(upgraded.thumbnail("before")).get().isEqualTo(new byte[] {(byte) 0xFF, (byte) 0xD8});
    }

    @Test
    void findsAThumbnailByItsSightingIdThroughAnIndex() throws SQLException {
        Path file = folder.resolve("plan-thumbnails.db");
        open(file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            assertThat(plan(statement, "SELECT jpeg FROM thumbnails WHERE sighting_id = 'x'"))
                    .contains("sqlite_autoindex_thumbnails");
        }
    }

    @Test
    void refusesATimeItCannotStoreExactly() {
        Sighting tooLate = sighting("late", Instant.parse("2300-01-01T00:00:00Z"), "Pica pica", false);

        assertThatThrownBy(() -> repository.save(tooLate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2300-01-01");
        assertThat(repository.recordedBefore("Pica pica", Instant.MAX)).isFalse();
    }

    @Test
    void servesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int t = thread;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        repository.save(sighting(t + "-" + i, NOON.plusSeconds(i), "Pica pica", i % 2 == 0));
                        repository.lastNotified("Pica pica", NOON);
                        repository.page(SightingQuery.latest(5));
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(repository.between(NOON, NOON.plus(Duration.ofHours(1)))).hasSize(200);
    }

    /** A file or place that cannot hold the log, and what the error must say. */
    record BadPlace(String name, Function<Path, Path> prepare, boolean retryable, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badPlaces() {
        return Stream.of(
                new BadPlace("a folder instead of a file", dir -> dir, false, List.of("is a folder", "sightings.path")),
                new BadPlace("a parent that is a file", dir -> {
                    write(dir.resolve("plain-file"), "x".getBytes(StandardCharsets.UTF_8));
                    return dir.resolve("plain-file").resolve("fieldmark.db");
                }, false, List.of("cannot create the folder", "plain-file", "sightings.path")),
                new BadPlace("a text file", dir -> write(dir.resolve("notes.db"),
                        "these are my bird notes, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8)),
                        false, List.of("notes.db", "not a usable SQLite database")),
                new BadPlace("a damaged database", dir -> {
                    Path file = dir.resolve("damaged.db");
                    SqliteSightingRepositoryAdapter.open(file).close();
                    byte[] bytes = read(file);
                    for (int i = 16; i < 100; i++) {
                        bytes[i] = (byte) 0xff;
                    }
                    return write(file, bytes);
                }, false, List.of("damaged.db", "not a usable SQLite database")),
                new BadPlace("a file from a newer Fieldmark", dir -> {
                    Path file = dir.resolve("newer.db");
                    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                         Statement s = c.createStatement()) {
                        s.execute("PRAGMA user_version = 99");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return file;
                }, false, List.of("newer.db", "version 99", "newer Fieldmark")))
                .map(Arguments::of);
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPlaces")
    void refusesABadPlaceWithAClearStorageError(BadPlace place) {
        Path file = place.prepare().apply(folder);

        assertThatThrownBy(() -> open(file))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                    assertThat(e.retryable()).isEqualTo(place.retryable());
                    assertThat(e.getMessage()).contains(place.mentions());
                });
    }

    @Test
    void reportsUseAfterCloseAsAStorageError() {
        SqliteSightingRepositoryAdapter adapter = open(folder.resolve("closed.db"));
        adapter.close();

        assertThatThrownBy(() -> adapter.find("x"))
                .isInstanceOfSatisfying(FieldmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE))
                .hasMessageContaining("closed.db");
    }
}
