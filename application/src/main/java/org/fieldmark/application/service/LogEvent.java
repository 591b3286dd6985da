package org.fieldmark.application.service;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One structured log line of the services: an event name and its fields, in order. It goes to
 * {@link System.Logger} as the message object ({@code log(level, event)}), never as text: how
 * it is written (one JSON object per line in both runtimes) is the bootstraps' logging's
 * business. It is a map, {@code event} first and then the fields, so whatever renders it needs
 * none of the application's types, and a logger that knows nothing of it still prints
 * {@code {event=image.received, bucket=feeder, ...}}.
 */
final class LogEvent extends AbstractMap<String, Object> {

    private final Map<String, Object> line;

    LogEvent(String event, Map<String, ?> fields) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("event", Objects.requireNonNull(event, "event"));
        ordered.putAll(fields);
        this.line = Collections.unmodifiableMap(ordered);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return line.entrySet();
    }
}
