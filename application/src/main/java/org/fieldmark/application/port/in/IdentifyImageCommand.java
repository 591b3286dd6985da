package org.fieldmark.application.port.in;

import java.util.Objects;
import org.fieldmark.application.port.out.ImageReference;

/**
 * Identify an image in storage.
 *
 * @param image     where the image is
 * @param sendNotification whether to notify people of the result
 * @param overrides per-request threshold and K
 */
public record IdentifyImageCommand(ImageReference image, boolean sendNotification, RuleOverrides overrides) {

    public IdentifyImageCommand {
        Objects.requireNonNull(image, "image");
        overrides = overrides == null ? RuleOverrides.NONE : overrides;
    }

    /** Identify and notify with the configured rules, as the S3 trigger does. */
    public static IdentifyImageCommand notifying(ImageReference image) {
        return new IdentifyImageCommand(image, true, RuleOverrides.NONE);
    }
}
