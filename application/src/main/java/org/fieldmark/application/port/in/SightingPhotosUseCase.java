package org.fieldmark.application.port.in;

import java.util.Optional;
import org.fieldmark.application.port.out.ImageBytes;

/**
 * A sighting's photo and its preview. Uploads and URL photos come from the bounded photo store
 * (empty once evicted); folder and S3 photos from their source (empty once deleted there). An
 * unknown sighting id is empty too, whatever it looks like.
 */
public interface SightingPhotosUseCase {

    /** The photo of the sighting, with its media type; empty when it is not available (any more). */
    Optional<ImageBytes> photo(String sightingId);

    /**
     * The preview (JPEG, at most {@link org.fieldmark.application.port.out.PreviewPort#MAX_SIDE}
     * pixels, the located bird outlined) of the sighting's photo; made once and cached; empty when the
     * photo is not available.
     */
    Optional<byte[]> preview(String sightingId);
}
