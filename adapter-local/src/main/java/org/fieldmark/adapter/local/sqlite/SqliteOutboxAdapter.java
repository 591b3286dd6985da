package org.fieldmark.adapter.local.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.domain.sighting.Sighting;
import org.sqlite.SQLiteErrorCode;

/**
 * The transactional outbox in the bird log's SQLite file: an entry, its sighting and its
 * deliveries are written in one transaction, so after a crash (even a SIGKILL) either all of them
 * are there or none is; the entry's primary key (derived from the photo and its version) keeps one
 * entry per photo. Shares the log's connection and lock ({@link SqliteSightingRepositoryAdapter#outbox()}).
 */
public final class SqliteOutboxAdapter implements OutboxPort {

    private static final String DELIVERY_COLUMNS = "channel, state, attempts, last_error, next_attempt_ns";

    private final SqliteSightingRepositoryAdapter log;
    private final Path file;
    private final Connection connection;

    SqliteOutboxAdapter(SqliteSightingRepositoryAdapter log, Path file, Connection connection) {
        this.log = log;
        this.file = file;
        this.connection = connection;
    }

    @Override
    public boolean record(OutboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        synchronized (log) {
            try {
                connection.setAutoCommit(false);
                try {
                    if (exists(entry.id())) {
                        connection.rollback();
                        return false;
                    }
                    if (entry.sighting() != null) {
                        log.insert(entry.sighting());
                    }
                    insertEntry(entry);
                    insertDeliveries(entry);
                    connection.commit();
                    return true;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (SqliteErrors.primaryCode(e) == SQLiteErrorCode.SQLITE_CONSTRAINT.code && entry.sighting() != null) {
                    throw new IllegalArgumentException("a sighting with id '" + entry.sighting().id()
                            + "' is already stored", e);
                }
                throw SqliteErrors.failure("record outbox entry '" + entry.id() + "' in", file, e);
            }
        }
    }

    private boolean exists(String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM outbox WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void insertEntry(OutboxEntry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (id, photo_bucket, photo_key,"
                + " photo_version, time_ns, sighting_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, entry.id());
            insert.setString(2, entry.photo().bucket());
            insert.setString(3, entry.photo().key());
            insert.setString(4, entry.version());
            insert.setLong(5, SqliteSightingRepositoryAdapter.storedNanos(entry.time()));
            insert.setString(6, entry.sighting() == null ? null : entry.sighting().id());
            insert.setString(7, entry.payload());
            insert.executeUpdate();
        }
    }

    private void insertDeliveries(OutboxEntry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deliveries (entry_id, position, "
                + DELIVERY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < entry.deliveries().size(); i++) {
                Delivery delivery = entry.deliveries().get(i);
                insert.setString(1, entry.id());
                insert.setInt(2, i);
                bind(insert, 3, delivery);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, int from, Delivery delivery) throws SQLException {
        statement.setString(from, delivery.channel());
        statement.setString(from + 1, delivery.state().name());
        statement.setInt(from + 2, delivery.attempts());
        statement.setString(from + 3, delivery.lastError());
        statement.setObject(from + 4, delivery.nextAttempt() == null ? null
                : SqliteSightingRepositoryAdapter.storedNanos(delivery.nextAttempt()));
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        synchronized (log) {
            List<OutboxEntry> found = entries("find outbox entry '" + id + "' in",
                    "SELECT id FROM outbox WHERE id = ?", List.of(id));
            return found.stream().findFirst();
        }
    }

    @Override
    public void update(String entryId, Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        synchronized (log) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE deliveries SET state = ?, attempts = ?,"
                    + " last_error = ?, next_attempt_ns = ? WHERE entry_id = ? AND channel = ?")) {
                update.setString(1, delivery.state().name());
                update.setInt(2, delivery.attempts());
                update.setString(3, delivery.lastError());
                update.setObject(4, delivery.nextAttempt() == null ? null
                        : SqliteSightingRepositoryAdapter.storedNanos(delivery.nextAttempt()));
                update.setString(5, entryId);
                update.setString(6, delivery.channel());
                if (update.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no outbox entry '" + entryId + "' with a delivery to '"
                            + delivery.channel() + "'");
                }
            } catch (SQLException e) {
                throw SqliteErrors.failure("update a delivery of outbox entry '" + entryId + "' in", file, e);
            }
        }
    }

    @Override
    public List<OutboxEntry> due(Instant dueBy, int limit) {
        synchronized (log) {
            return entries("list due deliveries in", "SELECT o.id FROM outbox o WHERE EXISTS (SELECT 1 FROM"
                    + " deliveries d WHERE d.entry_id = o.id AND d.state = 'PENDING' AND d.next_attempt_ns <= ?)"
                    + " ORDER BY o.time_ns, o.id LIMIT ?",
                    List.of(SqliteSightingRepositoryAdapter.queryNanos(dueBy), limit));
        }
    }

    @Override
    public Map<String, List<Delivery>> deliveriesOf(Collection<String> sightingIds) {
        Map<String, List<Delivery>> found = new LinkedHashMap<>();
        synchronized (log) {
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM outbox WHERE sighting_id = ?")) {
                for (String sightingId : sightingIds) {
                    select.setString(1, sightingId);
                    String entryId = null;
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            entryId = rows.getString(1);
                        }
                    }
                    List<Delivery> deliveries = entryId == null ? List.of() : deliveries(entryId);
                    if (!deliveries.isEmpty()) {
                        found.put(sightingId, deliveries);
                    }
                }
            } catch (SQLException e) {
                throw SqliteErrors.failure("read the deliveries of sightings from", file, e);
            }
        }
        return found;
    }

    @Override
    public Counts counts() {
        synchronized (log) {
            try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(SUM(state = 'PENDING'), 0),"
                    + " COALESCE(SUM(state = 'FAILED'), 0) FROM deliveries");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return new Counts(rows.getLong(1), rows.getLong(2));
            } catch (SQLException e) {
                throw SqliteErrors.failure("count the deliveries in", file, e);
            }
        }
    }

    private List<OutboxEntry> entries(String what, String idQuery, List<?> parameters) {
        try {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(idQuery)) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            List<OutboxEntry> entries = new ArrayList<>(ids.size());
            for (String id : ids) {
                entries.add(entry(id));
            }
            return entries;
        } catch (SQLException e) {
            throw SqliteErrors.failure(what, file, e);
        }
    }

    private OutboxEntry entry(String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT photo_bucket, photo_key, photo_version,"
                + " time_ns, sighting_id, payload FROM outbox WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                String sightingId = row.getString(5);
                Sighting sighting = sightingId == null ? null : log.find(sightingId).orElse(null);
                try {
                    return new OutboxEntry(id, new ImageReference(row.getString(1), row.getString(2)),
                            row.getString(3), SqliteSightingRepositoryAdapter.instant(row.getLong(4)), sighting,
                            row.getString(6), deliveries(id));
                } catch (RuntimeException e) {
                    throw new StorageUnavailableException("outbox entry '" + id + "' in the sightings database "
                            + file + " is damaged (" + e.getMessage() + "); fix or delete that row", false, e);
                }
            }
        }
    }

    private List<Delivery> deliveries(String entryId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + DELIVERY_COLUMNS
                + " FROM deliveries WHERE entry_id = ? ORDER BY position")) {
            select.setString(1, entryId);
            List<Delivery> deliveries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long next = rows.getLong(5);
                    Instant nextAttempt = rows.wasNull() ? null : SqliteSightingRepositoryAdapter.instant(next);
                    deliveries.add(new Delivery(rows.getString(1), Delivery.State.valueOf(rows.getString(2)),
                            rows.getInt(3), rows.getString(4), nextAttempt));
                }
            }
            return deliveries;
        }
    }
}
