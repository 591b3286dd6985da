package org.fieldmark.application.error;

/** The model's answer is not a usable probability vector; never retryable. */
public final class InvalidModelOutputException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public InvalidModelOutputException(String message, Throwable cause) {
        super(ErrorCode.INVALID_MODEL_OUTPUT, false, message, cause);
    }

    public InvalidModelOutputException(String message) {
        super(ErrorCode.INVALID_MODEL_OUTPUT, false, message, null);
    }
}
