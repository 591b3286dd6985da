package org.fieldmark.adapter.local.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.fieldmark.domain.sighting.Sighting;

/**
 * The schema of the bird log, as migrations versioned in code. The file's version is SQLite's
 * {@code PRAGMA user_version}; at open every migration above it runs in order, each in its own
 * transaction together with the version bump, so a crash leaves the file at a whole version and
 * opening again carries on. Migrations are only ever added, never edited.
 */
final class SqliteSchema {

    /** One step from {@code version - 1} to {@code version}. */
    record Migration(int version, String description, Step step) {
    }

    @FunctionalInterface
    interface Step {
        void apply(Connection connection) throws SQLException;
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "sightings table, ordered by time", SqliteSchema::createSightings),
            new Migration(2, "effective species key column and index", SqliteSchema::addSpeciesKey),
            new Migration(3, "region columns: where in the photo the bird is", SqliteSchema::addRegion),
            new Migration(4, "thumbnails table: a crop of the bird per sighting", SqliteSchema::createThumbnails),
            new Migration(5, "outbox and deliveries tables: each photo once, each channel told once",
                    SqliteSchema::createOutbox),
            new Migration(6, "species_pins table: the best photo a person chose per species",
                    SqliteSchema::createPins));

    /** The version this code writes. */
    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private SqliteSchema() {
    }

    /** The file's schema version, 0 for a new file. */
    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /**
     * Brings the file up to {@link #LATEST} (or {@code upTo}, for tests that build an old file).
     *
     * @return the migrations applied, in order
     * @throws IllegalStateException when the file is newer than this code
     */
    static List<Migration> migrate(Connection connection, int upTo) throws SQLException {
        int current = version(connection);
        if (current > LATEST) {
            throw new IllegalStateException("its schema is version " + current + " but this Fieldmark knows only up to "
                    + LATEST + "; it was written by a newer Fieldmark, so run that one or point to another file");
        }
        List<Migration> pending = MIGRATIONS.stream()
                .filter(m -> m.version() > current && m.version() <= upTo).toList();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Migration migration : pending) {
                try {
                    migration.step().apply(connection);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("PRAGMA user_version = " + migration.version());
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return pending;
    }

    private static void createSightings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Times are epoch nanoseconds: exact, and ordered as numbers.
            statement.execute("""
                    CREATE TABLE sightings (
                      id                TEXT    NOT NULL PRIMARY KEY,
                      time_ns           INTEGER NOT NULL,
                      source_key        TEXT    NOT NULL,
                      source            TEXT    NOT NULL,
                      scientific_name   TEXT    NOT NULL,
                      display_name      TEXT    NOT NULL,
                      probability       REAL    NOT NULL,
                      confident         INTEGER NOT NULL,
                      notified          INTEGER NOT NULL,
                      reason            TEXT    NOT NULL,
                      review_name       TEXT,
                      review_not_a_bird INTEGER NOT NULL DEFAULT 0
                    )""");
            statement.execute("CREATE INDEX sightings_by_time ON sightings (time_ns, id)");
        }
    }

    /**
     * The effective species, lower-cased in Java (SQLite's {@code lower()} knows only ASCII),
     * so species queries use an index; {@code NULL} for a sighting reviewed as not a bird.
     */
    private static void addSpeciesKey(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE sightings ADD COLUMN species_key TEXT");
        }
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery(
                     "SELECT id, scientific_name, review_name, review_not_a_bird FROM sightings");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE sightings SET species_key = ? WHERE id = ?")) {
            while (rows.next()) {
                update.setString(1, speciesKey(rows.getString(2), rows.getString(3), rows.getInt(4) != 0));
                update.setString(2, rows.getString(1));
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX sightings_by_species ON sightings (species_key, time_ns, id)");
        }
    }

    /** All NULL for sightings recorded before birds were located (every row this runs on). */
    private static void addRegion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String column : List.of("region_x", "region_y", "region_width", "region_height",
                    "region_image_width", "region_image_height")) {
                statement.execute("ALTER TABLE sightings ADD COLUMN " + column + " INTEGER");
            }
        }
    }

    /**
     * Thumbnails in a table of their own, so listing sightings never reads a BLOB; a sighting has
     * at most one.
     */
    private static void createThumbnails(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE thumbnails (
                      sighting_id TEXT NOT NULL PRIMARY KEY REFERENCES sightings (id),
                      jpeg        BLOB NOT NULL
                    )""");
        }
    }

    /**
     * The transactional outbox: one row per identified photo (its id derived from the photo and its
     * version, so a photo has one), written in the same transaction as its sighting, and one row per
     * channel to tell. Times are epoch nanoseconds, as in sightings.
     */
    private static void createOutbox(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE outbox (
                      id            TEXT    NOT NULL PRIMARY KEY,
                      photo_bucket  TEXT    NOT NULL,
                      photo_key     TEXT    NOT NULL,
                      photo_version TEXT,
                      time_ns       INTEGER NOT NULL,
                      sighting_id   TEXT    REFERENCES sightings (id),
                      payload       TEXT    NOT NULL
                    )""");
            statement.execute("CREATE INDEX outbox_by_sighting ON outbox (sighting_id)");
            statement.execute("""
                    CREATE TABLE deliveries (
                      entry_id        TEXT    NOT NULL REFERENCES outbox (id),
                      position        INTEGER NOT NULL,
                      channel         TEXT    NOT NULL,
                      state           TEXT    NOT NULL,
                      attempts        INTEGER NOT NULL,
                      last_error      TEXT,
                      next_attempt_ns INTEGER,
                      PRIMARY KEY (entry_id, channel)
                    )""");
            statement.execute("CREATE INDEX deliveries_due ON deliveries (state, next_attempt_ns)");
        }
    }

    /** One pinned sighting per species key (as sightings.species_key); a pin is replaced, never stacked. */
    private static void createPins(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE species_pins (
                      species_key TEXT NOT NULL PRIMARY KEY,
                      sighting_id TEXT NOT NULL REFERENCES sightings (id)
                    )""");
        }
    }

    static String speciesKey(String scientificName, String reviewName, boolean notABird) {
        if (notABird) {
            return null;
        }
        return Sighting.key(reviewName != null ? reviewName : scientificName);
    }
}
