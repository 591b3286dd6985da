package org.fieldmark.adapter.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.System.Logger;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.testing.NotificationPortContract;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.Results;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogNotificationAdapterTest {

    private final RecordingLogger recorded = new RecordingLogger();

    @Test
    void writesOneJsonLineWithTheMessageAndTheTopSpecies() {
        new LogNotificationAdapter(recorded, LogNotificationAdapter.Format.JSON)
                .publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01));

        assertThat(recorded.lines()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Logger.Level.INFO);
            assertThat(line.text()).isEqualTo("{\"event\":\"msg\",\"key\":\"birds/card.jpg\","
                    + "\"message\":\"Bird [birds/card.jpg] is a: Northern Cardinal(0.94)\","
                    + "\"species\":\"Northern Cardinal\",\"scientificName\":null,\"probability\":0.94,"
                    + "\"confident\":true,\"birdRecognised\":true,\"bucket\":\"feeder\",\"modelId\":\"test-model\"}");
        });
    }

    @Test
    void logsAStructuredEventNotTextSoEachRuntimeWritesItAsItsOwnJsonLine() {
        List<Object> logged = new java.util.ArrayList<>();
        Logger capturing = new BreakableLogger() {
            @Override
            public void log(Level level, Object event) {
                logged.add(event);
            }
        };
        new LogNotificationAdapter(capturing, LogNotificationAdapter.Format.JSON)
                .publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01));

        assertThat(logged).singleElement().isInstanceOfSatisfying(Map.class, event -> assertThat(event.keySet())
                .startsWith("event", "key", "message").contains("bucket", "modelId"));
    }

    @Test
    void addsTheSightingIdAndReasonWhenTheBirdLogKeptOne() {
        new LogNotificationAdapter(recorded, LogNotificationAdapter.Format.JSON).publish(Results.withSighting(
                Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01), true,
                "notified: Northern Cardinal (0.94)"));

        assertThat(FlatJson.parse(recorded.texts().get(0))).containsEntry("sightingId", "sighting-1")
                .containsEntry("reason", "notified: Northern Cardinal (0.94)");
    }

    @Test
    void writesTheDigestAsOneJsonLine() {
        new LogNotificationAdapter(recorded, LogNotificationAdapter.Format.JSON).publishDigest(Results.digest());

        assertThat(recorded.texts()).containsExactly("{\"event\":\"digest\",\"date\":\"2026-11-29\","
                + "\"timeZone\":\"Europe/Berlin\",\"message\":\"" + Results.digest().message() + "\","
                + "\"species\":3,\"sightings\":12}");
    }

    @Test
    void writesTheDigestLikeAMessageInTheOriginalFormat() {
        new LogNotificationAdapter(recorded, LogNotificationAdapter.Format.ORIGINAL).publishDigest(Results.digest());

        assertThat(recorded.texts()).containsExactly("msg: " + Results.digest().message());
    }

    @Test
    void writesTheOriginalLambdasLineWhenAskedTo() {
        new LogNotificationAdapter(recorded, LogNotificationAdapter.Format.ORIGINAL)
                .publish(Results.workshop("feeder", "birds/x.jpg", 0.55, 0.10, 0.05, 0.30));

        assertThat(recorded.texts()).containsExactly(
                "msg: Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"birds/\"quoted\".jpg", "birds/back\\slash.jpg", "birds/new\nline.jpg",
            "birds/tab\t.jpg", "birds/bell\u0007.jpg", "birds/sep\u2028.jpg", "birds/鳥 é.jpg", "birds/{}[],:.jpg"})
    void keepsEachLineValidJsonWhateverTheKey(String key) {
        new LogNotificationAdapter(recorded, LogNotificationAdapter.Format.JSON)
                .publish(Results.workshop("feeder", key, 0.02, 0.94, 0.03, 0.01));

        String line = recorded.texts().get(0);
        assertThat(line).doesNotContain("\n").doesNotContain("\u2028");
        Map<String, Object> fields = FlatJson.parse(line);
        assertThat(fields).containsEntry("key", key)
                .containsEntry("message", "Bird [" + key + "] is a: Northern Cardinal(0.94)")
                .containsEntry("probability", 0.94);
    }

    static Stream<Arguments> brokenLoggers() {
        return Stream.of(
                Arguments.of(new ThrowingLogger(true), true, "could not be written to the log"),
                Arguments.of(new ThrowingLogger(false), false, "does not log INFO; lower its level to INFO"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("brokenLoggers")
    void reportsALineThatWasNotWritten(Logger logger, boolean retryable, String message) {
        LogNotificationAdapter notifier = new LogNotificationAdapter(logger, LogNotificationAdapter.Format.ORIGINAL);

        assertThatThrownBy(() -> notifier.publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01)))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOTIFICATION_FAILED);
                    assertThat(e.retryable()).isEqualTo(retryable);
                })
                .hasMessageContaining("birds/card.jpg").hasMessageContaining(message);
    }

    @Nested
    class PassesTheNotificationContract extends NotificationPortContract {
        private final BreakableLogger logger = new BreakableLogger();

        @Override
        protected NotificationPort notifier() {
            return new LogNotificationAdapter(logger, LogNotificationAdapter.Format.JSON);
        }

        @Override
        protected List<String> deliveredMessages() {
            return logger.recorded.texts().stream().map(FlatJson::parse).map(f -> (String) f.get("message")).toList();
        }

        @Override
        protected void breakChannel() {
            logger.broken = true;
        }
    }

    /** Records lines until broken, then throws as a logger whose disk is full would. */
    static class BreakableLogger implements Logger {
        final RecordingLogger recorded = new RecordingLogger();
        volatile boolean broken;

        @Override
        public String getName() {
            return "breakable";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, Object event) {
            if (broken) {
                throw new IllegalStateException("log file system is full");
            }
            recorded.log(level, event);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (broken) {
                throw new IllegalStateException("log file system is full");
            }
            recorded.log(level, bundle, msg, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (broken) {
                throw new IllegalStateException("log file system is full");
            }
            recorded.log(level, bundle, format, params);
        }
    }

    /** Either throws on every line or logs nothing at INFO. */
    record ThrowingLogger(boolean throwing) implements Logger {
        @Override
        public String getName() {
            return throwing ? "throwing" : "quiet";
        }

        @Override
        public boolean isLoggable(Level level) {
            return throwing || level.getSeverity() >= Level.WARNING.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            throw new IllegalStateException("stream closed");
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            throw new IllegalStateException("stream closed");
        }

        @Override
        public String toString() {
            return getName();
        }
    }
}
