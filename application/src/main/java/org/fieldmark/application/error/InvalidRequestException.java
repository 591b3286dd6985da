package org.fieldmark.application.error;

/** The request itself is wrong; never retryable. */
public final class InvalidRequestException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message, Throwable cause) {
        super(ErrorCode.INVALID_REQUEST, false, message, cause);
    }

    public InvalidRequestException(String message) {
        super(ErrorCode.INVALID_REQUEST, false, message, null);
    }
}
