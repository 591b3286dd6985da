package org.fieldmark.bootstrap.lambda;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import org.fieldmark.wire.json.JsonText;

/**
 * One JSON object per line on the function's output (CloudWatch Logs), each carrying the level
 * and the id of the invocation it belongs to, written with Jackson's generator ({@link JsonText}).
 * The services' structured events (maps: event, then its fields) pass through
 * {@link #serviceLogger()} and get the same two fields in front.
 */
public final class JsonLog {

    private final PrintStream out;
    private volatile String requestId = "init";

    public JsonLog(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Fields in the order given: name, value, name, value, ... */
    public static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name/value pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** Lines from now on belong to this invocation. */
    public void requestId(String id) {
        this.requestId = id == null || id.isBlank() ? "unknown" : id;
    }

    /** Writes {@code {"level":..,"requestId":..,"event":..,<fields>}}. */
    public void log(String level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level);
        line.put("requestId", requestId);
        line.put("event", event);
        line.putAll(fields);
        write(JsonText.of(line));
    }

    public void info(String event, Map<String, ?> fields) {
        log("INFO", event, fields);
    }

    public void warn(String event, Map<String, ?> fields) {
        log("WARN", event, fields);
    }

    /** A {@link System.Logger} for the services that writes their events with level and request id in front. */
    public Logger serviceLogger() {
        return logger("fieldmark", false);
    }

    /**
     * {@link #serviceLogger()} for the log notifier ({@code NOTIFY=log}): a line the output refused
     * throws, so the notification fails (retryably) instead of being lost silently (a
     * {@link PrintStream} swallows its errors and only remembers them).
     */
    public Logger notificationLogger() {
        return logger("fieldmark.notifications", true);
    }

    private Logger logger(String name, boolean failWhenRefused) {
        return new Logger() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean isLoggable(Level level) {
                return level.getSeverity() >= Level.INFO.getSeverity();
            }

            @Override
            public void log(Level level, Object event) {
                if (event instanceof Map<?, ?> fields) {
                    passOn(level, fields);
                } else {
                    passOn(level, String.valueOf(event));
                }
                checked();
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                passOn(level, msg);
                checked();
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                passOn(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
                checked();
            }

            private void checked() {
                if (failWhenRefused && out.checkError()) {
                    throw new UncheckedIOException(new IOException("the function's log output stream failed"));
                }
            }
        };
    }

    private void passOn(Logger.Level level, String message) {
        if (message != null) {
            passOn(level, Map.of("message", message.strip()));
        }
    }

    private void passOn(Logger.Level level, Map<?, ?> fields) {
        if (!isLoggableLevel(level)) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", level == Logger.Level.WARNING ? "WARN" : level.getName());
        line.put("requestId", requestId);
        fields.forEach((name, value) -> line.put(String.valueOf(name), value));
        write(JsonText.of(line));
    }

    private static boolean isLoggableLevel(Logger.Level level) {
        return level.getSeverity() >= Logger.Level.INFO.getSeverity();
    }

    private void write(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
