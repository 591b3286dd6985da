package org.fieldmark.application.port.in;

import org.fieldmark.application.error.InvalidRequestException;

/**
 * A person's correction of one sighting: the species it really was ({@code label}, a scientific
 * name such as {@code Passer domesticus} or a common name of the catalog) or "not a bird".
 *
 * @param sightingId the sighting's id
 * @param label      the corrected species, {@code null} when {@code notABird}
 * @param notABird   the photo shows no bird at all
 */
public record ReviewSightingCommand(String sightingId, String label, boolean notABird) {

    /** Longest label taken; scientific names are far shorter. */
    public static final int MAX_LABEL_LENGTH = 100;

    public ReviewSightingCommand {
        if (sightingId == null || sightingId.isBlank()) {
            throw new InvalidRequestException("the sighting id must not be blank");
        }
        if (notABird && label != null) {
            throw new InvalidRequestException("send either {\"label\": \"...\"} or {\"notABird\": true}, not both");
        }
        if (!notABird) {
            if (label == null) {
                throw new InvalidRequestException("send {\"label\": \"Passer domesticus\"} with the species the photo"
                        + " shows, or {\"notABird\": true}");
            }
            if (label.isBlank()) {
                throw new InvalidRequestException("\"label\" must not be blank; send the species' scientific name,"
                        + " e.g. \"Passer domesticus\"");
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                throw new InvalidRequestException("\"label\" is " + label.length() + " characters, above the limit of "
                        + MAX_LABEL_LENGTH);
            }
        }
    }

    /** The photo shows {@code label}. */
    public static ReviewSightingCommand species(String sightingId, String label) {
        return new ReviewSightingCommand(sightingId, label, false);
    }

    /** The photo shows no bird. */
    public static ReviewSightingCommand notABird(String sightingId) {
        return new ReviewSightingCommand(sightingId, null, true);
    }
}
