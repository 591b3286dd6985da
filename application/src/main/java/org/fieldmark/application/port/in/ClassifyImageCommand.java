package org.fieldmark.application.port.in;

import java.util.Objects;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.out.ImageBytes;

/**
 * Identify an image handed in as bytes.
 *
 * @param key       the name the message uses for the image; never blank
 * @param image     the image's bytes and declared content type
 * @param sendNotification whether to notify people of the result
 * @param overrides per-request threshold and K
 */
public record ClassifyImageCommand(String key, ImageBytes image, boolean sendNotification, RuleOverrides overrides) {

    public ClassifyImageCommand {
        Objects.requireNonNull(image, "image");
        if (key == null || key.isBlank()) {
            throw new InvalidRequestException("image key must not be blank");
        }
        overrides = overrides == null ? RuleOverrides.NONE : overrides;
    }
}
