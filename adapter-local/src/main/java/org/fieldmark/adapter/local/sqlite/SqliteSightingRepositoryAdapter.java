package org.fieldmark.adapter.local.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.SightingCursor;
import org.fieldmark.application.port.out.SightingPage;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import org.sqlite.SQLiteErrorCode;

/**
 * The bird log in one SQLite file: WAL mode (readers never wait for the writer, a crash loses at
 * most the last commit), schema migrated in code at open ({@link SqliteSchema}), indexes on time
 * and on the effective species; crop thumbnails in a table of their own; the transactional outbox
 * ({@link #outbox()}) beside the sightings. One connection, used under this object's lock: SQLite
 * serialises writers anyway, and the server's handful of workers make a pool pointless.
 * Every SQLite failure becomes a {@link StorageUnavailableException} naming the file; it is
 * retryable only when the file was busy or the disk failed or filled up.
 */
public final class SqliteSightingRepositoryAdapter implements SightingRepository, AutoCloseable {

    /** Where the server keeps its log unless told otherwise. */
    public static final Path DEFAULT_PATH = Path.of("data", "fieldmark.db");

    private static final String COLUMNS = "id, time_ns, source_key, source, scientific_name, display_name, probability,"
            + " confident, notified, reason, review_name, review_not_a_bird, region_x, region_y, region_width,"
            + " region_height, region_image_width, region_image_height";
    private static final long NANOS = 1_000_000_000L;

    private final Path file;
    private final Connection connection;
    private final SqliteThumbnails thumbnails;
    private final SqlitePins pins;
    private final SqliteOutboxAdapter outbox;

    private SqliteSightingRepositoryAdapter(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.thumbnails = new SqliteThumbnails(file, connection);
        this.pins = new SqlitePins(file, connection);
        this.outbox = new SqliteOutboxAdapter(this, file, connection);
    }

    /** Opens (or creates, with its parent folders) the log at {@code file} and migrates its schema. */
    public static SqliteSightingRepositoryAdapter open(Path file) {
        return open(file, SqliteSchema.LATEST);
    }

    /** Opens the log migrated only up to {@code schemaVersion}: for tests that build an old file. */
    static SqliteSightingRepositoryAdapter open(Path file, int schemaVersion) {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new StorageUnavailableException("the sightings database " + absolute + " is a folder; point"
                    + " sightings.path to a file inside it, e.g. " + absolute.resolve("fieldmark.db"), false);
        }
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot create the folder " + absolute.getParent()
                    + " for the sightings database (" + e + "); point sightings.path to a writable place", false, e);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + absolute);
        } catch (SQLException e) {
            throw SqliteErrors.failure("open", absolute, e);
        }
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
                try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                        throw new SQLException("SQLite refused WAL mode");
                    }
                }
                // In WAL mode NORMAL is durable across application crashes; only a power cut may
                // lose the last commits.
                statement.execute("PRAGMA synchronous = NORMAL");
            }
            SqliteSchema.migrate(connection, schemaVersion);
            return new SqliteSightingRepositoryAdapter(absolute, connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof IllegalStateException newer) {
                throw new StorageUnavailableException("cannot use the sightings database " + absolute + ": "
                        + newer.getMessage(), false, newer);
            }
            if (e instanceof SQLException sql) {
                throw SqliteErrors.failure("open", absolute, sql);
            }
            throw (RuntimeException) e;
        }
    }

    /** The file this log lives in. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void save(Sighting sighting) {
        Objects.requireNonNull(sighting, "sighting");
        try {
            insert(sighting);
        } catch (SQLException e) {
            if (SqliteErrors.primaryCode(e) == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
                throw new IllegalArgumentException("a sighting with id '" + sighting.id() + "' is already stored", e);
            }
            throw SqliteErrors.failure("save sighting '" + sighting.id() + "' to", file, e);
        }
    }

    /** The outbox kept in this file, on this connection and under this log's lock. */
    public SqliteOutboxAdapter outbox() {
        return outbox;
    }

    /** Inserts a sighting; callers hold this log's lock (the outbox, inside its transaction). */
    void insert(Sighting sighting) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sightings (" + COLUMNS
                + ", species_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            SqliteSightingRows.bind(insert, sighting, storedNanos(sighting.time()));
            insert.executeUpdate();
        }
    }

    @Override
    public synchronized void replace(Sighting sighting) {
        Objects.requireNonNull(sighting, "sighting");
        try (PreparedStatement update = connection.prepareStatement("UPDATE sightings SET "
                + SqliteSightingRows.assignments(COLUMNS + ", species_key") + " WHERE id = ?")) {
            SqliteSightingRows.bind(update, sighting, storedNanos(sighting.time()));
            update.setString(SqliteSightingRows.PARAMETERS + 1, sighting.id());
            if (update.executeUpdate() == 0) {
                throw new IllegalArgumentException("no sighting with id '" + sighting.id() + "' is stored to replace");
            }
        } catch (SQLException e) {
            throw SqliteErrors.failure("replace sighting '" + sighting.id() + "' in", file, e);
        }
    }

    @Override
    public synchronized Optional<Sighting> find(String id) {
        List<Sighting> found = select("find sighting '" + id + "' in",
                "SELECT " + COLUMNS + " FROM sightings WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    @Override
    public synchronized Optional<Sighting> review(String id, Review review) {
        Objects.requireNonNull(review, "review");
        Optional<Sighting> stored = find(id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Sighting reviewed = stored.get().withReview(review);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sightings SET review_name = ?, review_not_a_bird = ?, species_key = ? WHERE id = ?")) {
            update.setString(1, review.scientificName());
            update.setInt(2, review.notABird() ? 1 : 0);
            update.setString(3, reviewed.countsAsBird() ? reviewed.speciesKey() : null);
            update.setString(4, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw SqliteErrors.failure("review sighting '" + id + "' in", file, e);
        }
        return Optional.of(reviewed);
    }

    @Override
    public synchronized List<Sighting> between(Instant from, Instant toExclusive) {
        return select("list sightings from", "SELECT " + COLUMNS
                        + " FROM sightings WHERE time_ns >= ? AND time_ns < ? ORDER BY time_ns, id",
                List.of(queryNanos(from), queryNanos(toExclusive)));
    }

    @Override
    public synchronized SightingPage page(SightingQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM sightings WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.from() != null) {
            sql.append(" AND time_ns >= ?");
            parameters.add(queryNanos(query.from()));
        }
        if (query.toExclusive() != null) {
            sql.append(" AND time_ns < ?");
            parameters.add(queryNanos(query.toExclusive()));
        }
        if (query.species() != null) {
            sql.append(" AND species_key = ?");
            parameters.add(Sighting.key(query.species()));
        }
        if (query.cursor() != null) {
            SightingCursor after = SightingCursor.parse(query.cursor());
            long afterNanos = queryNanos(after.time());
            sql.append(" AND (time_ns < ? OR (time_ns = ? AND id < ?))");
            parameters.add(afterNanos);
            parameters.add(afterNanos);
            parameters.add(after.id());
        }
        sql.append(" ORDER BY time_ns DESC, id DESC LIMIT ?");
        parameters.add(query.limit() + 1);
        List<Sighting> rows = select("page through", sql.toString(), parameters);
        if (rows.size() <= query.limit()) {
            return new SightingPage(rows, null);
        }
        List<Sighting> page = rows.subList(0, query.limit());
        return new SightingPage(page, SightingCursor.after(page.get(page.size() - 1)));
    }

    @Override
    public synchronized void saveThumbnail(String sightingId, byte[] jpeg) {
        Objects.requireNonNull(jpeg, "jpeg");
        if (find(sightingId).isEmpty()) {
            throw new IllegalArgumentException("no sighting has the id '" + sightingId + "'; save it first");
        }
        thumbnails.save(sightingId, jpeg);
    }

    @Override
    public synchronized Optional<byte[]> thumbnail(String sightingId) {
        return thumbnails.find(sightingId);
    }

    @Override
    public synchronized boolean hasThumbnail(String sightingId) {
        return thumbnails.exists(sightingId);
    }

    @Override
    public synchronized void pinBest(String speciesKey, String sightingId) {
        pins.pin(speciesKey, sightingId);
    }

    @Override
    public synchronized void unpinBest(String speciesKey) {
        pins.unpin(speciesKey);
    }

    @Override
    public synchronized Optional<String> pinnedBest(String speciesKey) {
        return pins.pinned(speciesKey);
    }

    @Override
    public synchronized Optional<Instant> lastNotified(String scientificName, Instant since) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT MAX(time_ns) FROM sightings"
                + " WHERE species_key = ? AND notified = 1 AND time_ns >= ?")) {
            statement.setString(1, Sighting.key(scientificName));
            statement.setLong(2, queryNanos(since));
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    long nanos = rows.getLong(1);
                    if (!rows.wasNull()) {
                        return Optional.of(instant(nanos));
                    }
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteErrors.failure("look up the last notification of " + scientificName + " in", file, e);
        }
    }

    @Override
    public synchronized boolean recordedBefore(String scientificName, Instant before) {
        return exists("SELECT 1 FROM sightings WHERE species_key = ? AND time_ns < ? LIMIT 1",
                scientificName, queryNanos(before));
    }

    @Override
    public synchronized boolean recordedBetween(String scientificName, Instant from, Instant toExclusive) {
        return exists("SELECT 1 FROM sightings WHERE species_key = ? AND time_ns >= ? AND time_ns < ? LIMIT 1",
                scientificName, queryNanos(from), queryNanos(toExclusive));
    }

    /** Closes the connection; later calls fail with a {@link StorageUnavailableException}. */
    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw SqliteErrors.failure("close", file, e);
        }
    }

    private boolean exists(String sql, String scientificName, long... nanos) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, Sighting.key(scientificName));
            for (int i = 0; i < nanos.length; i++) {
                statement.setLong(i + 2, nanos[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw SqliteErrors.failure("look up the history of " + scientificName + " in", file, e);
        }
    }

    private List<Sighting> select(String what, String sql, List<?> parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<Sighting> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(sighting(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqliteErrors.failure(what, file, e);
        }
    }

    private Sighting sighting(ResultSet row) throws SQLException {
        String reviewName = row.getString(11);
        Review review = row.getInt(12) != 0 ? Review.notABirdAtAll()
                : reviewName != null ? Review.species(reviewName) : null;
        try {
            return new Sighting(row.getString(1), instant(row.getLong(2)), row.getString(3), row.getString(4),
                    row.getString(5), row.getString(6), row.getDouble(7), row.getInt(8) != 0, row.getInt(9) != 0,
                    row.getString(10), review, region(row));
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("sighting '" + row.getString(1) + "' in the sightings database "
                    + file + " is damaged (" + e.getMessage() + "); fix or delete that row", false, e);
        }
    }

    /** The region in columns 13 to 18, {@code null} when the sighting has none. */
    private static Region region(ResultSet row) throws SQLException {
        int[] box = new int[6];
        for (int i = 0; i < box.length; i++) {
            box[i] = row.getInt(13 + i);
            if (row.wasNull()) {
                return null;
            }
        }
        return new Region(box[0], box[1], box[2], box[3], box[4], box[5]);
    }

    /** The stored form of a sighting's time; refuses what does not fit rather than storing it wrong. */
    static long storedNanos(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), NANOS), time.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("sighting time " + time + " is outside what the sightings database"
                    + " stores (" + instant(Long.MIN_VALUE) + " to " + instant(Long.MAX_VALUE) + ")", e);
        }
    }

    /** A query bound: times beyond what can be stored are clamped, which selects the same rows. */
    static long queryNanos(Instant time) {
        Objects.requireNonNull(time, "time");
        if (time.isBefore(instant(Long.MIN_VALUE))) {
            return Long.MIN_VALUE;
        }
        if (time.isAfter(instant(Long.MAX_VALUE))) {
            return Long.MAX_VALUE;
        }
        return storedNanos(time);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already failing; the first error is the one worth reporting
        }
    }
}
