package org.fieldmark.domain.frigate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Frigate events Fieldmark looks at: those whose label is one of {@code labels}, on one of
 * {@code cameras} (empty: every camera), in or through one of {@code zones} (empty: anywhere), and
 * not (or no longer) a false positive. Names compare ignoring case.
 *
 * @param labels  the detector labels to identify, e.g. {@code bird}; at least one
 * @param cameras the cameras to listen to; empty for all
 * @param zones   the zones an object must be in or have entered; empty for anywhere
 */
public record FrigateFilter(Set<String> labels, Set<String> cameras, Set<String> zones) {

    /** Only birds, on every camera, anywhere. */
    public static final FrigateFilter BIRDS = new FrigateFilter(Set.of("bird"), Set.of(), Set.of());

    public FrigateFilter {
        labels = keys(labels);
        cameras = keys(cameras);
        zones = keys(zones);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("at least one label must be identified, e.g. bird");
        }
    }

    /** Why {@code event} is not looked at, or empty when it is. */
    public Optional<String> ignored(FrigateEvent event) {
        if (!labels.contains(key(event.label()))) {
            return Optional.of("label '" + event.label() + "' is not one of " + sorted(labels));
        }
        if (!cameras.isEmpty() && !cameras.contains(key(event.camera()))) {
            return Optional.of("camera '" + event.camera() + "' is not one of " + sorted(cameras));
        }
        if (!zones.isEmpty() && event.zones().stream().map(FrigateFilter::key).noneMatch(zones::contains)) {
            return Optional.of("zones " + event.zones() + " include none of " + sorted(zones));
        }
        if (event.falsePositive()) {
            return Optional.of("Frigate marks it a false positive");
        }
        return Optional.empty();
    }

    private static Set<String> keys(Set<String> names) {
        return names.stream().map(FrigateFilter::key).filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
