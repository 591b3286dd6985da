package org.fieldmark.application.port.out;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.domain.sighting.Sighting;

/**
 * Where a page of sightings ended: the last sighting's time and id. Every store hands out and
 * reads the same text form ({@code <ISO instant>|<id>}), opaque to callers, so a cursor means the
 * same thing whichever store made it.
 *
 * @param time the last sighting's time
 * @param id   the last sighting's id
 */
public record SightingCursor(Instant time, String id) {

    public SightingCursor {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(id, "id");
    }

    /** The cursor text that continues after {@code last}. */
    public static String after(Sighting last) {
        return last.time() + "|" + last.id();
    }

    /**
     * Reads a cursor text; {@code null} stays {@code null} (the first page).
     *
     * @throws InvalidRequestException when the text is not one a store handed out
     */
    public static SightingCursor parse(String text) {
        if (text == null) {
            return null;
        }
        int bar = text.indexOf('|');
        try {
            if (bar < 0) {
                throw new IllegalArgumentException("no '|'");
            }
            return new SightingCursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new InvalidRequestException("cursor '" + text + "' is not one this log handed out;"
                    + " pass the nextCursor of the previous page", e);
        }
    }

    /** Whether a sighting at {@code otherTime} with {@code otherId} comes after this cursor newest first (is older). */
    public boolean precedes(Instant otherTime, String otherId) {
        int byTime = otherTime.compareTo(time);
        return byTime < 0 || (byTime == 0 && otherId.compareTo(id) < 0);
    }
}
