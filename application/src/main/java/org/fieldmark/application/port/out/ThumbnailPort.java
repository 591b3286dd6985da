package org.fieldmark.application.port.out;

import org.fieldmark.domain.region.Region;

/**
 * Makes the small picture a sighting is listed with: the located region cut from the photo and
 * scaled down to at most {@link #MAX_SIDE} pixels on its longest side (never up), as a JPEG. The
 * bird log keeps it beside the sighting ({@link SightingRepository#saveThumbnail}). Failures are
 * the closed family: {@code UnsupportedImageException} when the photo cannot be decoded or the
 * region does not fit it. The identification service never lets a failed thumbnail fail an
 * identification. Implementations are safe to call from several threads.
 */
public interface ThumbnailPort {

    /** The longest side of a thumbnail, in pixels. */
    int MAX_SIDE = 160;

    /**
     * The JPEG of {@code region} of {@code photo}, at most {@link #MAX_SIDE} pixels on its longest side.
     *
     * @throws org.fieldmark.application.error.FieldmarkException as described on the interface
     */
    byte[] thumbnail(ImageBytes photo, Region region);
}
