package org.fieldmark.bootstrap.server;

import java.lang.System.Logger;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import org.fieldmark.wire.json.JsonText;

/**
 * The server's logging of the services' structured events: each event (a map: event, then its
 * fields) becomes one JSON object, written with Jackson's generator ({@link JsonText}), and goes
 * on to the logger it wraps as that line's message; everything else passes through unchanged.
 */
final class JsonEventLogger implements Logger {

    private final Logger delegate;

    private JsonEventLogger(Logger delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The JDK's logger named {@code name} (java.util.logging), writing events as JSON lines. */
    static Logger named(String name) {
        return wrapping(System.getLogger(name));
    }

    /** {@code delegate}, writing events as JSON lines. */
    static Logger wrapping(Logger delegate) {
        return new JsonEventLogger(delegate);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate.isLoggable(level);
    }

    @Override
    public void log(Level level, Object event) {
        if (event instanceof Map<?, ?> fields) {
            if (delegate.isLoggable(level)) {
                delegate.log(level, JsonText.of(fields));
            }
        } else {
            delegate.log(level, event);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        delegate.log(level, bundle, msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        delegate.log(level, bundle, format, params);
    }
}
