package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The server writes each of the services' structured events as one JSON line, as it always did. */
class JsonEventLoggerTest {

    /** What reaches java.util.logging: the message texts, nothing rendered. */
    private static final class Plain implements Logger {
        final CopyOnWriteArrayList<String> texts = new CopyOnWriteArrayList<>();
        Level lowest = Level.INFO;

        @Override
        public String getName() {
            return "plain";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= lowest.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            texts.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            texts.add(level + " " + format);
        }
    }

    private final Plain plain = new Plain();
    private final Logger log = JsonEventLogger.wrapping(plain);

    @Test
    void writesAnEventAsOneJsonObjectInItsFieldOrder() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "image.identified");
        event.put("key", "birds/\"odd\"\nname.jpg");
        event.put("probability", 0.94);
        event.put("confident", true);
        event.put("scientificName", null);

        log.log(Level.INFO, event);

        assertThat(plain.texts).containsExactly("INFO {\"event\":\"image.identified\",\"key\":\"birds/\\\"odd\\\"\\nname.jpg\","
                + "\"probability\":0.94,\"confident\":true,\"scientificName\":null}");
    }

    @Test
    void passesTextOnAndWritesNothingBelowTheLevel() {
        log.log(Level.WARNING, "plain text");
        log.log(Level.DEBUG, Map.of("event", "image.located"));

        assertThat(plain.texts).containsExactly("WARNING plain text");
        assertThat(log.isLoggable(Level.DEBUG)).isFalse();
        assertThat(log.getName()).isEqualTo("plain");
    }
}
