package org.fieldmark.application.port.out;

import java.util.Objects;

/**
 * An image's content and the media type it was declared with. The array is not copied (images
 * are megabytes); nobody mutates it after construction.
 *
 * @param bytes       the encoded image (JPEG, PNG, BMP)
 * @param contentType the declared media type, empty when none was declared
 */
public record ImageBytes(byte[] bytes, String contentType) {

    public ImageBytes {
        Objects.requireNonNull(bytes, "bytes");
        contentType = contentType == null ? "" : contentType;
    }

    /** Size in bytes. */
    public int length() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "ImageBytes[" + bytes.length + " bytes, " + (contentType.isEmpty() ? "no content type" : contentType)
                + "]";
    }
}
