package org.fieldmark.application.port.in;

import java.util.List;
import java.util.Objects;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.out.ImageBytes;

/**
 * Classify these encoded images (JPEG, PNG or BMP), in order.
 *
 * @param images at least one image
 */
public record ClassifyBatchCommand(List<ImageBytes> images) {

    public ClassifyBatchCommand {
        Objects.requireNonNull(images, "images");
        if (images.isEmpty()) {
            throw new InvalidRequestException("the request holds no image; send at least one encoded image");
        }
        images = List.copyOf(images);
    }

    /** One image. */
    public static ClassifyBatchCommand of(ImageBytes image) {
        return new ClassifyBatchCommand(List.of(image));
    }
}
