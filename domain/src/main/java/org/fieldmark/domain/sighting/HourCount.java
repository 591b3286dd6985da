package org.fieldmark.domain.sighting;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The sightings of one real hour of a local day.
 *
 * @param hour  the local clock hour the bucket starts at, 0..23 (on a day the clocks go back one
 *              hour appears twice, with different offsets)
 * @param start the bucket's start, with the offset in force then; the bucket lasts one hour
 * @param count sightings within {@code [start, start + 1 h)}
 */
public record HourCount(int hour, OffsetDateTime start, int count) {

    public HourCount {
        Objects.requireNonNull(start, "start");
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be within 0..23, was " + hour);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }
}
