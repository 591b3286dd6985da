package org.fieldmark.application.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;

/** An image store in memory, for use-case tests. Can be told to fail the next fetches. */
public final class InMemoryImageStorage implements ImageStoragePort {

    private final Map<ImageReference, StoredImage> images = new ConcurrentHashMap<>();
    private final long maxBytes;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile FieldmarkException failure;

    public InMemoryImageStorage(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public InMemoryImageStorage() {
        this(Long.MAX_VALUE);
    }

    /** Stores an image and returns its reference; the version is a counter, like an ETag. */
    public ImageReference put(String bucket, String key, byte[] bytes, String contentType) {
        ImageReference reference = new ImageReference(bucket, key);
        images.put(reference, new StoredImage(reference, new ImageBytes(bytes, contentType),
                "v" + (images.size() + 1)));
        return reference;
    }

    /** Every later fetch throws {@code failure}, until {@link #heal()}. */
    public void failWith(FieldmarkException failure) {
        this.failure = failure;
    }

    public void heal() {
        this.failure = null;
    }

    /** How many fetches were attempted. */
    public int fetches() {
        return fetches.get();
    }

    @Override
    public StoredImage fetch(ImageReference reference) {
        fetches.incrementAndGet();
        FieldmarkException broken = failure;
        if (broken != null) {
            throw broken;
        }
        StoredImage image = images.get(reference);
        if (image == null) {
            throw new ImageNotFoundException("no image at '" + reference + "'");
        }
        if (image.contentLength() == 0) {
            throw new EmptyImageException("image '" + reference + "' is empty (0 bytes)");
        }
        if (image.contentLength() > maxBytes) {
            throw new ImageTooLargeException("image '" + reference + "'", image.contentLength(), maxBytes);
        }
        return image;
    }
}
