package org.fieldmark.application.port.in;

import java.util.List;

/**
 * One page of the bird log, newest first, each sighting with its thumbnail flag and deliveries.
 *
 * @param sightings  the page
 * @param nextCursor pass it as the next query's cursor for the next (older) page; {@code null} on
 *                   the last page
 */
public record LoggedSightingPage(List<LoggedSighting> sightings, String nextCursor) {

    public LoggedSightingPage {
        sightings = List.copyOf(sightings);
    }
}
