package org.fieldmark.application.service;

import java.util.Locale;
import java.util.Set;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.domain.ImageFormat;

/**
 * Refuses what no model should see: empty images, images above the limit, content declared as
 * something other than an image, and bytes that are not JPEG, PNG or BMP.
 */
final class ImageChecks {

    /** Declared types that say "image" or say nothing specific (S3's defaults for untyped uploads). */
    private static final Set<String> ACCEPTED_TYPES = Set.of(
            "", "image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/bmp", "image/x-bmp", "image/x-ms-bmp",
            "application/x-image", "application/octet-stream", "binary/octet-stream");

    private ImageChecks() {
    }

    static ImageFormat check(String key, ImageBytes image, long maxBytes) {
        if (image.length() == 0) {
            throw new EmptyImageException("image '" + key + "' is empty (0 bytes); upload the photo again");
        }
        if (image.length() > maxBytes) {
            throw new ImageTooLargeException("image '" + key + "'", image.length(), maxBytes);
        }
        String type = mediaType(image.contentType());
        if (!ACCEPTED_TYPES.contains(type)) {
            throw new UnsupportedImageException("image '" + key + "' has content type '" + image.contentType()
                    + "'; send image/jpeg, image/png or image/bmp (or application/x-image)");
        }
        return ImageFormat.sniff(image.bytes()).orElseThrow(() -> new UnsupportedImageException(
                "image '" + key + "' is not a JPEG, PNG or BMP image (it starts with " + ImageFormat.describeStart(image.bytes())
                        + ")"));
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
        return type.strip().toLowerCase(Locale.ROOT);
    }
}
