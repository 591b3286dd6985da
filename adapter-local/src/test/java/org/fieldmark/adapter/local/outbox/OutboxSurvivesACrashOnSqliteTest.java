package org.fieldmark.adapter.local.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldmark.adapter.local.sqlite.SqliteSightingRepositoryAdapter;
import org.fieldmark.application.port.in.ClassifyImageCommand;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.service.BirdLog;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.DailyDigest;
import org.fieldmark.domain.sighting.NotificationPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process dies after channel A took a photo's message and before channel B got it; the
 * service starts again on the same SQLite file: B is told, A is not told again, and the photo is
 * neither identified nor recorded a second time.
 */
class OutboxSurvivesACrashOnSqliteTest {

    @TempDir
    Path folder;

    private final InMemoryImageStorage storage = new InMemoryImageStorage();
    private final ScriptedInference model = ScriptedInference.always(0.02, 0.94, 0.03, 0.01);
    private final MutableClock clock = MutableClock.at("2026-12-01T08:00:00Z");
    private final RecordingNotifier a = new RecordingNotifier();
    private final RecordingNotifier b = new RecordingNotifier();
    private SqliteSightingRepositoryAdapter beforeCrash;
    private SqliteSightingRepositoryAdapter afterRestart;

    /** A channel whose send never returns: the process is killed while it is under way. */
    private static final NotificationPort KILLED = new NotificationPort() {
        @Override
        public void publish(IdentificationResult result) {
            throw new ProcessKilled();
        }

        @Override
        public void publishDigest(DailyDigest digest) {
            throw new ProcessKilled();
        }
    };

    private static final class ProcessKilled extends Error {
        private static final long serialVersionUID = 1L;
    }

    private IdentifyBirdService service(SqliteSightingRepositoryAdapter log, NotificationPort channelB) {
        Map<String, NotificationPort> channels = new LinkedHashMap<>();
        channels.put("a", a);
        channels.put("b", channelB);
        return IdentifyBirdService.builder(storage, model, channels,
                        IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4))
                .log(new RecordingLogger())
                .birdLog(BirdLog.of(NotificationPolicy.defaults(ZoneOffset.UTC), log, clock))
                .outbox(log.outbox())
                .build();
    }

    @AfterEach
    void close() {
        for (SqliteSightingRepositoryAdapter log : new SqliteSightingRepositoryAdapter[] {beforeCrash, afterRestart}) {
            if (log != null) {
                log.close();
            }
        }
    }

    @Test
    void aRetriedPhotoTellsTheChannelThatMissedItAndNotTheOneThatHadIt() {
        ImageReference photo = storage.put("", "birds/card.jpg", ImageSamples.jpeg(64), "image/jpeg");
        Path file = folder.resolve("fieldmark.db");
        beforeCrash = SqliteSightingRepositoryAdapter.open(file);
        assertThatThrownBy(() -> service(beforeCrash, KILLED).identify(IdentifyImageCommand.notifying(photo)))
                .isInstanceOf(ProcessKilled.class);
        assertThat(a.messages()).hasSize(1);

        // The dead process's connection is abandoned, not closed: the restart opens the file anew.
        afterRestart = SqliteSightingRepositoryAdapter.open(file);
        IdentificationResult again = service(afterRestart, b).identify(IdentifyImageCommand.notifying(photo));

        assertThat(a.messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(b.messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(model.seen()).hasSize(1);
        assertThat(afterRestart.between(Instant.EPOCH, Instant.MAX)).singleElement()
                .satisfies(s -> assertThat(s.id()).isEqualTo(again.sighting().id()));
        assertThat(afterRestart.outbox().deliveriesOf(List.of(again.sighting().id())).get(again.sighting().id()))
                .extracting(Delivery::channel, Delivery::state, Delivery::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Delivery.State.DELIVERED, 1),
                        org.assertj.core.groups.Tuple.tuple("b", Delivery.State.DELIVERED, 1));
    }

    @Test
    void anUploadNobodyRetriesIsCompletedByTheTimerAfterTheRestart() {
        Path file = folder.resolve("fieldmark.db");
        beforeCrash = SqliteSightingRepositoryAdapter.open(file);
        ClassifyImageCommand upload = new ClassifyImageCommand("upload-1.jpg",
                new ImageBytes(ImageSamples.jpeg(64), "image/jpeg"), true, RuleOverrides.NONE);
        assertThatThrownBy(() -> service(beforeCrash, KILLED).classify(upload)).isInstanceOf(ProcessKilled.class);

        afterRestart = SqliteSightingRepositoryAdapter.open(file);
        IdentifyBirdService restarted = service(afterRestart, b);

        assertThat(restarted.deliverDue()).isEqualTo(1);
        assertThat(restarted.deliverDue()).isZero();
        assertThat(a.messages()).containsExactly("Bird [upload-1.jpg] is a: Northern Cardinal(0.94)");
        assertThat(b.messages()).containsExactly("Bird [upload-1.jpg] is a: Northern Cardinal(0.94)");
        assertThat(afterRestart.outbox().counts().pending()).isZero();
    }
}
