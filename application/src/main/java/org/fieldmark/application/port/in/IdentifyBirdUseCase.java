package org.fieldmark.application.port.in;

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
}
