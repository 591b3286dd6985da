package org.fieldmark.application.port.in;

import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;

/**
 * What happened to one photo of an archive: its identification, or the error that stopped it.
 * Exactly one of the two is present.
 *
 * @param photo       the photo
 * @param result      the identification, when it succeeded (a duplicate's is its original's)
 * @param duplicateOf the photo with the same content that was identified instead, {@code null} when this
 *                    photo was identified itself
 * @param failure     the failure, when it failed
 */
public record ArchiveOutcome(ImageReference photo, IdentificationResult result, ImageReference duplicateOf,
                             FieldmarkException failure) {

    public ArchiveOutcome {
        Objects.requireNonNull(photo, "photo");
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("an archive outcome holds either a result or a failure");
        }
        if (duplicateOf != null && result == null) {
            throw new IllegalArgumentException("only an identified photo is a duplicate");
        }
    }

    public static ArchiveOutcome identified(ImageReference photo, IdentificationResult result) {
        return new ArchiveOutcome(photo, Objects.requireNonNull(result, "result"), null, null);
    }

    public static ArchiveOutcome duplicate(ImageReference photo, IdentificationResult result, ImageReference of) {
        return new ArchiveOutcome(photo, Objects.requireNonNull(result, "result"), Objects.requireNonNull(of, "of"),
                null);
    }

    public static ArchiveOutcome failed(ImageReference photo, FieldmarkException failure) {
        return new ArchiveOutcome(photo, null, null, Objects.requireNonNull(failure, "failure"));
    }

    public boolean succeeded() {
        return result != null;
    }
}
