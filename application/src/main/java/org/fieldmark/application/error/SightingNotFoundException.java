package org.fieldmark.application.error;

/** No sighting has the given id; never retryable. */
public final class SightingNotFoundException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public SightingNotFoundException(String message) {
        super(ErrorCode.SIGHTING_NOT_FOUND, false, message, null);
    }
}
