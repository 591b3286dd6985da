package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.adapter.local.sqlite.SqliteSightingRepositoryAdapter;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's bird log comes from sightings.store / sightings.path, and a bad path stops the start. */
class ServerSightingsWiringTest {

    @TempDir
    Path dir;

    private static Sighting sighting(String id) {
        return new Sighting(id, Instant.parse("2026-11-29T12:00:00Z"), "birds/a.jpg", "feeder", "Pica pica", "Magpie",
                0.9, true, true, "notify: every", null);
    }

    @Test
    void opensTheSqliteFileCreatingItsFolderAndClosesItWithTheServer() throws Exception {
        Path file = dir.resolve("data/fieldmark.db");
        List<AutoCloseable> resources = new ArrayList<>();

        SightingRepository log = ServerWiring.sightings(
                new ServerConfig.Sightings(ServerConfig.SightingsStore.SQLITE, file), resources);
        log.save(sighting("a"));

        assertThat(log).isInstanceOf(SqliteSightingRepositoryAdapter.class);
        assertThat(file).isRegularFile();
        assertThat(resources).containsExactly((AutoCloseable) log);
        resources.get(0).close();
        SightingRepository again = ServerWiring.sightings(
                new ServerConfig.Sightings(ServerConfig.SightingsStore.SQLITE, file), resources);
        assertThat(again.find("a")).contains(sighting("a"));
        ((AutoCloseable) again).close();
    }

    @Test
    void keepsTheLogInMemoryWhenToldAndWritesNoFile() {
        List<AutoCloseable> resources = new ArrayList<>();

        SightingRepository log = ServerWiring.sightings(
                new ServerConfig.Sightings(ServerConfig.SightingsStore.MEMORY, dir.resolve("never.db")), resources);

        assertThat(log).isInstanceOf(InMemorySightingRepository.class);
        assertThat(dir.resolve("never.db")).doesNotExist();
    }

    @Test
    void stopsTheStartWithASentenceWhenThePathCannotHoldTheLog() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("plain"), "x");

        assertThatThrownBy(() -> ServerWiring.sightings(new ServerConfig.Sightings(ServerConfig.SightingsStore.SQLITE,
                notAFolder.resolve("fieldmark.db")), new ArrayList<>()))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("sightings.path: ").contains("plain"));
    }
}
