package org.fieldmark.application.port.in;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.out.ImageReference;

/**
 * Identify the photos of an archive.
 *
 * @param photos    the photos, in the order they were listed; repeats are dropped
 * @param done      photos an earlier run identified already; they are skipped
 * @param workers   how many photos are identified at the same time; at least 1
 * @param overrides threshold and K for every photo
 */
public record IdentifyArchiveCommand(List<ImageReference> photos, Set<ImageReference> done, int workers,
                                     RuleOverrides overrides) {

    public IdentifyArchiveCommand {
        photos = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(photos, "photos")));
        done = Set.copyOf(Objects.requireNonNull(done, "done"));
        if (workers < 1) {
            throw new InvalidRequestException("workers must be at least 1, got " + workers);
        }
        overrides = overrides == null ? RuleOverrides.NONE : overrides;
    }
}
