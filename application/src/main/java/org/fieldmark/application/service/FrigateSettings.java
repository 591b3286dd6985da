package org.fieldmark.application.service;

import java.util.Objects;
import org.fieldmark.domain.frigate.FrigateFilter;
import org.fieldmark.domain.frigate.SubLabelRule;

/**
 * How Frigate's events are handled.
 *
 * @param filter             which events are looked at
 * @param maxIdentifications how often an event's snapshot is identified before its {@code end} (at least 1)
 * @param subLabels          how a species is written back
 * @param writeSubLabel      whether confident identifications are written back as sub labels
 */
public record FrigateSettings(FrigateFilter filter, int maxIdentifications, SubLabelRule subLabels,
                              boolean writeSubLabel) {

    /** Birds on every camera, three identifications per event, common names written back. */
    public static final FrigateSettings DEFAULT = new FrigateSettings(FrigateFilter.BIRDS, 3,
            new SubLabelRule(SubLabelRule.NameForm.COMMON), true);

    public FrigateSettings {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(subLabels, "subLabels");
        if (maxIdentifications < 1) {
            throw new IllegalArgumentException("an event is identified at least once, got " + maxIdentifications);
        }
    }
}
