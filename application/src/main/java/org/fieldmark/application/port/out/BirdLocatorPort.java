package org.fieldmark.application.port.out;

/**
 * Finds where birds may be in a photo, before the species is named: the first of the workshop's
 * two stages (its camera-side detector), which Fieldmark runs itself. A locator answers candidate
 * regions, most promising first; a candidate either carries the classifier's answer for its crop
 * already (a locator that used the classifier to search) or the crop's encoded bytes for the
 * {@link InferencePort} to classify. The whole frame is a locator too: one candidate, the photo
 * unchanged, so remote inference is called exactly as before. Failures are the closed family:
 * {@code UnsupportedImageException} when the photo cannot be decoded, {@code InferenceFailedException}
 * when a model the locator runs fails. Implementations are safe to call from several threads.
 * Every adapter passes the shared {@code BirdLocatorPortContract}.
 */
public interface BirdLocatorPort {

    /**
     * Locates candidate bird regions in one photo.
     *
     * @throws org.fieldmark.application.error.FieldmarkException as described on the interface
     */
    Location locate(ImageBytes image);

    /**
     * The locator that does not look: the whole photo, unread, goes to the {@link InferencePort}
     * unchanged and results carry no region. What a service runs when no locator is given, so
     * identifications stay exactly what they were before birds were located.
     */
    static BirdLocatorPort unlocated() {
        return image -> new Location("whole", java.util.List.of(CandidateRegion.wholePhoto(image)), 0);
    }
}
