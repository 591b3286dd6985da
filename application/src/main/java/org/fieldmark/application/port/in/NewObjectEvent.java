package org.fieldmark.application.port.in;

import java.util.Objects;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.ImageReference;

/**
 * A storage event saying a new object was written: identify it and notify, once per upload.
 *
 * @param image     the new object (key decoded)
 * @param version   its version id, else its ETag; {@code null} or empty when the event had neither
 * @param sequencer the event's sequencer; {@code null} or empty when it had none
 */
public record NewObjectEvent(ImageReference image, String version, String sequencer) {

    public NewObjectEvent {
        Objects.requireNonNull(image, "image");
        version = version == null ? "" : version;
        sequencer = sequencer == null ? "" : sequencer;
    }

    /** The same for every delivery of this event. */
    public EventKey key() {
        return new EventKey(image.bucket(), image.key(), version, sequencer);
    }

    /**
     * Whether deliveries of this event can be told from a new upload of the same key: S3, MinIO
     * and EventBridge always send an ETag and a sequencer; a hand-written event without either
     * cannot be.
     */
    public boolean identifiesItsUpload() {
        return !version.isEmpty() || !sequencer.isEmpty();
    }
}
