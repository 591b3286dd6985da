package org.fieldmark.bootstrap.lambda;

import org.fieldmark.application.json.JsonWriter;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * One JSON object per line on the function's output (CloudWatch Logs), each carrying the level
 * and the id of the invocation it belongs to. The service's own lines (already JSON) pass
 * through {@link #serviceLogger()} and get the same two fields.
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
        write(JsonWriter.write(line));
    }

    public void info(String event, Map<String, ?> fields) {
        log("INFO", event, fields);
    }

    /**
     * As {@link #info}, telling whether the line reached the output: {@code false} when the
     * stream has failed (a {@link PrintStream} swallows its errors and only remembers them).
     */
    boolean infoWritten(String event, Map<String, ?> fields) {
        log("INFO", event, fields);
        return !out.checkError();
    }

    public void warn(String event, Map<String, ?> fields) {
        log("WARN", event, fields);
    }

    /** A {@link System.Logger} for the service that adds level and request id to its JSON lines. */
    public Logger serviceLogger() {
        return new Logger() {
            @Override
            public String getName() {
                return "fieldmark";
            }

            @Override
            public boolean isLoggable(Level level) {
                return level.getSeverity() >= Level.INFO.getSeverity();
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                passOn(level, msg);
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                passOn(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
            }
        };
    }

    private void passOn(Logger.Level level, String message) {
        if (message == null || !isLoggableLevel(level)) {
            return;
        }
        String head = "{\"level\":" + JsonWriter.string(level == Logger.Level.WARNING ? "WARN" : level.getName())
                + ",\"requestId\":" + JsonWriter.string(requestId);
        String text = message.strip();
        if (text.startsWith("{") && text.endsWith("}")) {
            write(text.length() == 2 ? head + "}" : head + "," + text.substring(1));
        } else {
            write(head + ",\"message\":" + JsonWriter.string(text) + "}");
        }
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
