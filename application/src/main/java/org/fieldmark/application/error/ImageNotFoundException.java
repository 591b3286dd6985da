package org.fieldmark.application.error;

/** The image does not exist; never retryable. */
public final class ImageNotFoundException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public ImageNotFoundException(String message, Throwable cause) {
        super(ErrorCode.IMAGE_NOT_FOUND, false, message, cause);
    }

    public ImageNotFoundException(String message) {
        super(ErrorCode.IMAGE_NOT_FOUND, false, message, null);
    }
}
