package org.fieldmark.application.port.out;

import java.util.List;
import org.fieldmark.domain.sighting.Sighting;

/**
 * One page of sightings, newest first.
 *
 * @param sightings  the page
 * @param nextCursor pass it as {@link SightingQuery#cursor()} for the next (older) page; {@code null}
 *                   when this is the last page
 */
public record SightingPage(List<Sighting> sightings, String nextCursor) {

    public SightingPage {
        sightings = List.copyOf(sightings);
    }
}
