package org.fieldmark.application.port.in;

import java.time.LocalDate;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * The day's bird log in one message: the species recorded on a local day with their counts
 * (reviewed sightings under the corrected species, "not a bird" ones left out), built from the
 * sighting repository and sent through the configured notifier. A failed delivery is a
 * {@link org.fieldmark.application.error.NotificationFailedException}, never dropped.
 */
public interface DailyDigestUseCase {

    /** The digest of {@code date} in the configured time zone, without sending it. */
    DailyDigest digest(LocalDate date);

    /** Builds the digest of {@code date} and sends it; returns what was sent. */
    DailyDigest publishDigest(LocalDate date);

    /** The local date now, in the configured time zone (what a scheduler publishes for). */
    LocalDate today();
}
