package org.fieldmark.application.port.out;

/**
 * What an archive knows about a photo beyond its bytes: a digest of its content (copies of one photo
 * share it) and when it was taken (the camera's time in the photo, else the file's). Failures are
 * {@code ImageNotFoundException} and {@code StorageUnavailableException}, as the image store's.
 */
public interface PhotoArchivePort {

    /**
     * Reads what the archive knows about {@code photo}.
     *
     * @throws org.fieldmark.application.error.FieldmarkException as described on the interface
     */
    ArchivedPhoto inspect(ImageReference photo);
}
