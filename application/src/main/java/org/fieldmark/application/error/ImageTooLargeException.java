package org.fieldmark.application.error;

/** The image is above the size limit; never retryable. */
public final class ImageTooLargeException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    public ImageTooLargeException(String what, long size, long limit) {
        super(ErrorCode.IMAGE_TOO_LARGE, false,
                what + " is " + size + " bytes, above the limit of " + limit + " bytes", null);
        this.size = size;
        this.limit = limit;
    }

    /** The image's size in bytes. */
    public long size() {
        return size;
    }

    /** The limit it exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
