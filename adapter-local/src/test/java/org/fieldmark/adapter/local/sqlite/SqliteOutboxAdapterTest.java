package org.fieldmark.adapter.local.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.testing.OutboxPortContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite outbox passes the shared outbox contract, reopened from its file where the contract asks. */
class SqliteOutboxAdapterTest extends OutboxPortContract {

    @TempDir
    Path folder;

    private final List<SqliteSightingRepositoryAdapter> opened = new ArrayList<>();

    @Override
    protected Store emptyStore() {
        return open(folder.resolve("fieldmark.db"));
    }

    @Override
    protected Store reopen(Store current) {
        SqliteSightingRepositoryAdapter log = (SqliteSightingRepositoryAdapter) current.sightings();
        log.close();
        return open(log.file());
    }

    private Store open(Path file) {
        SqliteSightingRepositoryAdapter log = SqliteSightingRepositoryAdapter.open(file);
        opened.add(log);
        return new Store(log.outbox(), log);
    }

    @AfterEach
    void closeEverything() {
        for (SqliteSightingRepositoryAdapter log : opened) {
            try {
                log.close();
            } catch (RuntimeException ignored) {
                // closed by reopen already
            }
        }
    }
}
