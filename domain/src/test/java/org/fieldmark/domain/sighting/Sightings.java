package org.fieldmark.domain.sighting;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds sightings for tests: confident, from the source "feeder", ids in creation order. */
final class Sightings {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Sightings() {
    }

    static Sighting of(String time, String scientific, String display) {
        return of(time, scientific, display, true, "feeder");
    }

    static Sighting of(String time, String scientific, String display, boolean confident, String source) {
        return new Sighting(String.format("s%05d", NEXT.incrementAndGet()), Instant.parse(time),
                "birds/" + NEXT.get() + ".jpg", source, scientific, display, confident ? 0.9 : 0.5, confident, false,
                "recorded", null);
    }
}
