package org.fieldmark.adapter.local.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.testing.BestPhotoPinsContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite log keeps best-photo pins in their own table (migration 6), across reopening the file. */
class SqliteBestPhotoPinsTest extends BestPhotoPinsContract {

    @TempDir
    Path folder;
    private final List<SqliteSightingRepositoryAdapter> opened = new ArrayList<>();

    @Override
    protected SightingRepository emptyRepository() {
        return open(folder.resolve("fieldmark.db"));
    }

    @Override
    protected SightingRepository reopen(SightingRepository current) {
        SqliteSightingRepositoryAdapter sqlite = (SqliteSightingRepositoryAdapter) current;
        sqlite.close();
        return open(sqlite.file());
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
}
