package org.fieldmark.application.port.out;

import org.fieldmark.domain.region.Region;

/**
 * Makes the preview a sighting's photo is shown with: the whole photo scaled down to at most
 * {@link #MAX_SIDE} pixels on its longest side (never up), as a JPEG, with the located bird's box
 * drawn on it when there is one. Failures are the closed family: {@code UnsupportedImageException}
 * when the photo cannot be decoded. Implementations are safe to call from several threads.
 */
public interface PreviewPort {

    /** The longest side of a preview, in pixels. */
    int MAX_SIDE = 480;

    /**
     * The JPEG preview of {@code photo}, with {@code region} outlined unless it is {@code null} or the
     * whole frame.
     *
     * @throws org.fieldmark.application.error.FieldmarkException as described on the interface
     */
    byte[] preview(ImageBytes photo, Region region);
}
