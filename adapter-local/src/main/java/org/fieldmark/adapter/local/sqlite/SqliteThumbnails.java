package org.fieldmark.adapter.local.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The crop thumbnails of the SQLite bird log, in a table of their own keyed by sighting id, so
 * listing sightings never reads a BLOB. Shares the log's connection: callers hold the log's lock.
 */
final class SqliteThumbnails {

    private final Path file;
    private final Connection connection;

    SqliteThumbnails(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    void save(String sightingId, byte[] jpeg) {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT OR REPLACE INTO thumbnails (sighting_id, jpeg) VALUES (?, ?)")) {
            upsert.setString(1, sightingId);
            upsert.setBytes(2, jpeg);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw SqliteErrors.failure("save the thumbnail of sighting '" + sightingId + "' to",
                    file, e);
        }
    }

    Optional<byte[]> find(String sightingId) {
        return Optional.ofNullable(select("SELECT jpeg", "read the thumbnail of sighting '" + sightingId + "' from",
                sightingId));
    }

    boolean exists(String sightingId) {
        return select("SELECT x'00'", "look up the thumbnail of sighting '" + sightingId + "' in", sightingId) != null;
    }

    private byte[] select(String what, String doing, String sightingId) {
        try (PreparedStatement select = connection.prepareStatement(what + " FROM thumbnails WHERE sighting_id = ?")) {
            select.setString(1, sightingId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw SqliteErrors.failure(doing, file, e);
        }
    }
}
