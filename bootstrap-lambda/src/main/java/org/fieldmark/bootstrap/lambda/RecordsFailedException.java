package org.fieldmark.bootstrap.lambda;

import java.util.List;

/**
 * Some records of an S3 event failed; the others were done. Thrown from the handler so the
 * invocation fails and Lambda's retries and on-failure destination see it; the message names
 * every failed key with its error code. Not a {@code FieldmarkException}: it is the Lambda
 * entry point's verdict on a whole event, made from those.
 */
public final class RecordsFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> failedKeys;

    RecordsFailedException(String message, List<String> failedKeys) {
        super(message);
        this.failedKeys = List.copyOf(failedKeys);
    }

    /** The failed records as {@code bucket/key}. */
    public List<String> failedKeys() {
        return failedKeys;
    }
}
