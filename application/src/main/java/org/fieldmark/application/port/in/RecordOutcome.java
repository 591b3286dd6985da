package org.fieldmark.application.port.in;

import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;

/**
 * What happened to one record of a batch (an S3 event's records, an SQS batch): either its
 * identification or the error that stopped it. Exactly one of the two is present.
 *
 * @param image  the record's image
 * @param result the identification, when it succeeded
 * @param error  the failure, when it failed
 */
public record RecordOutcome(ImageReference image, IdentificationResult result, FieldmarkException error) {

    public RecordOutcome {
        Objects.requireNonNull(image, "image");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("a record outcome holds either a result or an error");
        }
    }

    public static RecordOutcome succeeded(ImageReference image, IdentificationResult result) {
        return new RecordOutcome(image, Objects.requireNonNull(result, "result"), null);
    }

    public static RecordOutcome failed(ImageReference image, FieldmarkException error) {
        return new RecordOutcome(image, null, Objects.requireNonNull(error, "error"));
    }

    public boolean succeeded() {
        return result != null;
    }

    public Optional<IdentificationResult> identification() {
        return Optional.ofNullable(result);
    }

    public Optional<FieldmarkException> failure() {
        return Optional.ofNullable(error);
    }
}
