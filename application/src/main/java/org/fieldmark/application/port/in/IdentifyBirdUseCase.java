package org.fieldmark.application.port.in;

import java.util.List;
import org.fieldmark.application.port.out.IdentificationResult;

/**
 * Identify the bird in a photo and, when asked, tell people. Two ways in: a reference to an
 * image in storage (an S3 event, a folder watcher, {@code POST /v1/identify}) or the image's
 * bytes handed in directly (an HTTP upload). Per image the service logs the key, content length
 * and content type, then the message, as structured lines. Failures are
 * {@link org.fieldmark.application.error.FieldmarkException}s; a failed notification is one of
 * them, never swallowed.
 */
public interface IdentifyBirdUseCase {

    /** Fetches the referenced image, identifies it and notifies when the command says so. */
    IdentificationResult identify(IdentifyImageCommand command);

    /** Identifies the given bytes and notifies when the command says so. */
    IdentificationResult classify(ClassifyImageCommand command);

    /**
     * Identifies every image of a batch (all records of an S3 event, not just the first): a
     * failing record does not stop the others. Outcomes come back in the commands' order.
     */
    List<RecordOutcome> identifyEach(List<IdentifyImageCommand> commands);
}
