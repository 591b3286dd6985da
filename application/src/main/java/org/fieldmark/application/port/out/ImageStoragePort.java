package org.fieldmark.application.port.out;

/**
 * Where images are read from: an S3 bucket, a watched folder, a URL. Implementations refuse
 * empty images and images above their size limit before anyone reads the bytes further, and
 * raise only {@link org.fieldmark.application.error.FieldmarkException}s:
 * {@code ImageNotFoundException} when nothing is at the reference, {@code EmptyImageException},
 * {@code ImageTooLargeException}, and {@code StorageUnavailableException} (retryable for outages
 * and throttling) otherwise. Every adapter passes the shared {@code ImageStoragePortContract}.
 */
public interface ImageStoragePort {

    /**
     * Reads the image at {@code reference} with its content type and version.
     *
     * @throws org.fieldmark.application.error.FieldmarkException as described on the interface
     */
    StoredImage fetch(ImageReference reference);

    /**
     * Whether an image is (still) at {@code reference}, as cheaply as the store can tell, for lists
     * that show many photos' links. The default says yes without asking (a remote store would need a
     * request per image); a store that can check cheaply (a folder) answers truly.
     */
    default boolean exists(ImageReference reference) {
        return true;
    }
}
