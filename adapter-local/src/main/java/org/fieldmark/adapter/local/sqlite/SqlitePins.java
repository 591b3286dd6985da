package org.fieldmark.adapter.local.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The best photo a person pinned per species, in a table of its own keyed by the species key.
 * Shares the log's connection: callers hold the log's lock.
 */
final class SqlitePins {

    private final Path file;
    private final Connection connection;

    SqlitePins(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    void pin(String speciesKey, String sightingId) {
        update("INSERT OR REPLACE INTO species_pins (species_key, sighting_id) VALUES (?, ?)",
                "pin the best photo of " + speciesKey + " in", speciesKey, sightingId);
    }

    void unpin(String speciesKey) {
        update("DELETE FROM species_pins WHERE species_key = ?", "unpin the best photo of " + speciesKey + " in",
                speciesKey);
    }

    Optional<String> pinned(String speciesKey) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sighting_id FROM species_pins WHERE species_key = ?")) {
            select.setString(1, speciesKey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteErrors.failure("read the best photo of " + speciesKey + " from", file, e);
        }
    }

    private void update(String sql, String doing, String... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw SqliteErrors.failure(doing, file, e);
        }
    }
}
