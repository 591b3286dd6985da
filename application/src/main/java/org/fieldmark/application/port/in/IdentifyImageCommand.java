package org.fieldmark.application.port.in;

import java.time.Instant;
import java.util.Objects;
import org.fieldmark.application.port.out.ImageReference;

/**
 * Identify an image in storage.
 *
 * @param image     where the image is
 * @param sendNotification whether to notify people of the result
 * @param overrides per-request threshold and K
 * @param takenAt   when the photo was taken, the time its sighting carries; {@code null}: the time it is
 *                  identified (a photo arriving now). An archive of old photos gives their own times.
 */
public record IdentifyImageCommand(ImageReference image, boolean sendNotification, RuleOverrides overrides,
                                   Instant takenAt) {

    public IdentifyImageCommand {
        Objects.requireNonNull(image, "image");
        overrides = overrides == null ? RuleOverrides.NONE : overrides;
    }

    /** A photo taken now, as every live source delivers them. */
    public IdentifyImageCommand(ImageReference image, boolean sendNotification, RuleOverrides overrides) {
        this(image, sendNotification, overrides, null);
    }

    /** Identify and notify with the configured rules, as the S3 trigger does. */
    public static IdentifyImageCommand notifying(ImageReference image) {
        return new IdentifyImageCommand(image, true, RuleOverrides.NONE, null);
    }
}
