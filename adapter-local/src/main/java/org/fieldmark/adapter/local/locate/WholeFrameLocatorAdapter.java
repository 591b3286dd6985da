package org.fieldmark.adapter.local.locate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.domain.region.Region;

/**
 * The {@code whole} locator: the photo is the region, as before birds were located. Its bytes go
 * to the {@link org.fieldmark.application.port.out.InferencePort} unchanged, so a remote model is
 * called exactly as before (one call, same bytes); only the photo's size is read, from its header
 * (no pixels are decoded). When the header cannot be read, the photo still goes to the model
 * unchanged and the result carries no region: the model, not this reader, judges what it can read
 * (a remote model may accept what ImageIO cannot), and the error a bad photo gets stays the one it
 * got before.
 */
public final class WholeFrameLocatorAdapter implements BirdLocatorPort {

    /** The locator's name in results and logs. */
    public static final String NAME = "whole";

    @Override
    public Location locate(ImageBytes image) {
        Objects.requireNonNull(image, "image");
        CandidateRegion candidate = size(image.bytes())
                .map(size -> CandidateRegion.toClassify(Region.wholeFrame(size[0], size[1]), 1.0, image))
                .orElseGet(() -> CandidateRegion.wholePhoto(image));
        return new Location(NAME, List.of(candidate), 0);
    }

    /** Width and height from the image header, or empty when no reader understands it. */
    static Optional<int[]> size(byte[] bytes) {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                return width >= 1 && height >= 1 ? Optional.of(new int[] {width, height}) : Optional.empty();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable header is the model's to judge, as before locating (see the class comment).
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "WholeFrameLocatorAdapter";
    }
}
