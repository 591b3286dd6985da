package org.fieldmark.application.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;

/**
 * The identification service's structured log lines ({@link LogEvent}: the event name first, then
 * its fields; the bootstraps' logging writes each as one JSON object per line), shared by the
 * service and the helpers it hands steps to.
 */
final class ServiceLog {

    private final Logger log;

    ServiceLog(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    void failure(ImageReference source, String event, FieldmarkException e) {
        log(Level.WARNING, event, fields(source)
                .with("code", e.code().name())
                .with("retryable", e.retryable())
                .with("error", e.getMessage()));
    }

    void log(Level level, String event, Fields fields) {
        if (log.isLoggable(level)) {
            log.log(level, new LogEvent(event, fields.map));
        }
    }

    static Fields fields(ImageReference source) {
        return new Fields().with("bucket", source.bucket()).with("key", source.key());
    }

    static final class Fields {
        private final Map<String, Object> map = new LinkedHashMap<>();

        Fields with(String name, Object value) {
            map.put(name, value);
            return this;
        }
    }
}
