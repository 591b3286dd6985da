package org.fieldmark.application.error;

/** The image has zero bytes; never retryable. */
public final class EmptyImageException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public EmptyImageException(String message, Throwable cause) {
        super(ErrorCode.IMAGE_EMPTY, false, message, cause);
    }

    public EmptyImageException(String message) {
        super(ErrorCode.IMAGE_EMPTY, false, message, null);
    }
}
