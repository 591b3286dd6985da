package org.fieldmark.application.port.out;

import java.time.Instant;

/**
 * A filter for {@link SightingRepository#page}: a time range, an optional species and a page.
 *
 * @param from          earliest time, inclusive ({@code null}: no lower bound)
 * @param toExclusive   latest time, exclusive ({@code null}: no upper bound)
 * @param species       effective scientific name, ignoring case ({@code null}: every species)
 * @param limit         at most this many sightings, 1..1000
 * @param cursor        the {@link SightingPage#nextCursor()} of the previous page, {@code null} for the first;
 *                      a cursor the store did not hand out raises an
 *                      {@link org.fieldmark.application.error.InvalidRequestException}
 */
public record SightingQuery(Instant from, Instant toExclusive, String species, int limit, String cursor) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    public SightingQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (from != null && toExclusive != null && !from.isBefore(toExclusive)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + toExclusive + ")");
        }
        species = species == null || species.isBlank() ? null : species.strip();
        cursor = cursor == null || cursor.isBlank() ? null : cursor;
    }

    /** The newest {@code limit} sightings of every species. */
    public static SightingQuery latest(int limit) {
        return new SightingQuery(null, null, null, limit, null);
    }
}
