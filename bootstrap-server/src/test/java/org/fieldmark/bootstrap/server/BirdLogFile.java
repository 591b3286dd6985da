package org.fieldmark.bootstrap.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * The server's SQLite bird log read from outside, read-only, as a user's SQL shell would: how many
 * sightings each photo has, and the state of each photo's delivery to each channel. Safe while the
 * server runs (the log is in WAL mode, readers never block its writer) and after it was killed.
 */
final class BirdLogFile {

    private final Path file;

    BirdLogFile(Path file) {
        this.file = file;
    }

    /** Sightings per photo key; empty before the server created the file. */
    Map<String, Integer> sightingsByPhoto() throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        query("SELECT source_key, count(*) FROM sightings GROUP BY source_key",
                rows -> counts.put(rows.getString(1), rows.getInt(2)));
        return counts;
    }

    /** Each delivery's state ({@code PENDING}, {@code DELIVERED}, {@code FAILED}) by photo key and channel. */
    Map<Told, String> deliveries() throws SQLException {
        Map<Told, String> states = new HashMap<>();
        query("SELECT o.photo_key, d.channel, d.state FROM outbox o JOIN deliveries d ON d.entry_id = o.id",
                rows -> states.put(new Told(rows.getString(1), rows.getString(2)), rows.getString(3)));
        return states;
    }

    /** A photo told to a channel. */
    record Told(String photo, String channel) {
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
        if (!file.toFile().isFile()) {
            return;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                row.read(rows);
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such table")) {
                return; // the server has not created its schema yet
            }
            throw e;
        }
    }
}
