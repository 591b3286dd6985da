package org.fieldmark.application.error;

/** Not a JPEG, PNG or BMP image; never retryable. */
public final class UnsupportedImageException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public UnsupportedImageException(String message, Throwable cause) {
        super(ErrorCode.UNSUPPORTED_IMAGE, false, message, cause);
    }

    public UnsupportedImageException(String message) {
        super(ErrorCode.UNSUPPORTED_IMAGE, false, message, null);
    }
}
