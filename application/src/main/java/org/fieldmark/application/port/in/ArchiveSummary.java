package org.fieldmark.application.port.in;

import java.util.List;

/**
 * How an archive went.
 *
 * @param identified photos identified (duplicates included)
 * @param duplicates of them, photos whose content an earlier photo of the run had
 * @param skipped    photos skipped as done by an earlier run
 * @param failed     the photos that failed, in the order they were listed
 */
public record ArchiveSummary(int identified, int duplicates, int skipped, List<ArchiveOutcome> failed) {

    public ArchiveSummary {
        failed = List.copyOf(failed);
    }

    /** {@code true} when no photo failed. */
    public boolean allSucceeded() {
        return failed.isEmpty();
    }
}
