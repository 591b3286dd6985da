package org.fieldmark.application.port.in;

import java.util.List;
import java.util.Objects;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.domain.sighting.Sighting;

/**
 * A sighting as the bird log shows it: the sighting, whether a crop thumbnail is kept with it,
 * whether its photo is still available (kept, or at its source), and
 * what became of telling each channel about it (one {@link Delivery} per channel, in delivery
 * order, as the outbox keeps it). The deliveries are empty for a sighting nobody was to be told
 * about and for one recorded before the outbox existed.
 *
 * @param sighting     the bird-log entry
 * @param hasThumbnail whether a crop thumbnail is kept with it
 * @param deliveries   each channel's delivery; empty when there are none
 * @param hasPhoto     whether its photo can still be shown (and a preview made of it)
 */
public record LoggedSighting(Sighting sighting, boolean hasThumbnail, List<Delivery> deliveries, boolean hasPhoto) {

    public LoggedSighting {
        Objects.requireNonNull(sighting, "sighting");
        deliveries = List.copyOf(deliveries);
    }

    /** A sighting whose photo is not available. */
    public LoggedSighting(Sighting sighting, boolean hasThumbnail, List<Delivery> deliveries) {
        this(sighting, hasThumbnail, deliveries, false);
    }
}
