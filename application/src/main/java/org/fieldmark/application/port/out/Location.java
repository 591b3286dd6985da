package org.fieldmark.application.port.out;

import java.util.List;
import java.util.Objects;

/**
 * What a locator found in one photo.
 *
 * @param locator    the locator's name ({@code whole}, {@code search}, {@code detector}), for results and logs
 * @param candidates candidate regions, most promising first; empty when the locator is sure no bird is there
 * @param windows    how many windows the locator scored with a model (0 for the whole frame), its cost
 */
public record Location(String locator, List<CandidateRegion> candidates, int windows) {

    public Location {
        Objects.requireNonNull(locator, "locator");
        candidates = List.copyOf(candidates);
        if (windows < 0) {
            throw new IllegalArgumentException("windows must not be negative, got " + windows);
        }
    }
}
