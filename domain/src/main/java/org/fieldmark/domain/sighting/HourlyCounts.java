package org.fieldmark.domain.sighting;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Sightings per hour of one local day. The buckets are the day's real hours, so a day the clocks
 * go forward has 23 and a day they go back has 25 (the repeated hour twice, told apart by offset):
 * every sighting of the day falls in exactly one bucket and no bucket is longer than an hour.
 *
 * @param date  the local date
 * @param zone  the time zone the date is read in
 * @param hours the buckets, in time order
 */
public record HourlyCounts(LocalDate date, ZoneId zone, List<HourCount> hours) {

    public HourlyCounts {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        hours = List.copyOf(hours);
    }

    /** All sightings of the day. */
    public int total() {
        return hours.stream().mapToInt(HourCount::count).sum();
    }
}
