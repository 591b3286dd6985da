package org.fieldmark.application.port.in;

/**
 * Identify every photo of an archive (a folder of old feeder photos) without telling anyone: each
 * photo goes through the same identification as a live one ({@link IdentifyBirdUseCase}), on a
 * given number of workers, and each outcome is handed to a listener as it is known. Photos already
 * done (an earlier run's output) are skipped; a photo whose content equals one already identified
 * in this run is not identified again but reported as its duplicate; a photo that fails does not
 * stop the others. Whether sightings are recorded is the wiring's choice (a bird log or none).
 */
public interface IdentifyArchiveUseCase {

    /** Identifies the command's photos, tells {@code listener} each outcome (one call at a time), and sums up. */
    ArchiveSummary identifyAll(IdentifyArchiveCommand command, ArchiveListener listener);
}
