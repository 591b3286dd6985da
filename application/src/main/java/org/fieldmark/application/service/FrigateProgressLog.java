package org.fieldmark.application.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.domain.frigate.FrigateProgress;

/**
 * The progress of the Frigate events seen lately, in memory, the oldest forgotten past a bound
 * (events last seconds to minutes). A restart forgets it: the next message of an event then
 * identifies its snapshot once more, and the outbox (kept across restarts) makes that replace the
 * event's sighting instead of adding one.
 */
final class FrigateProgressLog {

    static final int CAPACITY = 4096;

    /** Progress and the sub label Fieldmark wrote for one event. */
    record Entry(FrigateProgress progress, String subLabel) {
    }

    private final Map<String, Entry> byEvent = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Entry get(String eventId) {
        return byEvent.getOrDefault(eventId, new Entry(FrigateProgress.NONE, null));
    }

    synchronized void put(String eventId, Entry entry) {
        byEvent.put(eventId, entry);
    }
}
