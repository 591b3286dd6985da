package org.fieldmark.application.testing;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fieldmark.wire.json.JsonText;

/**
 * A {@link System.Logger} that keeps every line, so tests can read what was logged. The services'
 * structured events (maps) are kept as the JSON the bootstraps write for them.
 */
public final class RecordingLogger implements Logger {

    /** One logged line. */
    public record Line(Level level, String text) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, Object event) {
        lines.add(new Line(level, event instanceof Map<?, ?> fields ? JsonText.of(fields) : String.valueOf(event)));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(new Line(level, msg));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(new Line(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
    }
}
