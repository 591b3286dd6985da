package org.fieldmark.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageStoragePort} must do. Adapters extend this with their real store
 * (s3proxy, a temp folder, a loopback web server) and inherit every test.
 */
public abstract class ImageStoragePortContract {

    /** A store that refuses images above {@code maxBytes}. */
    protected abstract ImageStoragePort storage(long maxBytes);

    /** Puts an image into the store behind {@link #storage(long)} and returns its reference. */
    protected abstract ImageReference put(String key, byte[] bytes, String contentType);

    /** A reference in the same store where nothing is. */
    protected abstract ImageReference missing(String key);

    @Test
    void fetchesTheBytesWithTheirContentTypeAndLength() {
        byte[] photo = ImageSamples.jpeg(2048);
        ImageReference reference = put("birds/card.jpg", photo, "image/jpeg");

        StoredImage image = storage(1_000_000).fetch(reference);

        assertThat(image.reference()).isEqualTo(reference);
        assertThat(image.image().bytes()).isEqualTo(photo);
        assertThat(image.contentType()).startsWith("image/jpeg");
        assertThat(image.contentLength()).isEqualTo(2048);
    }

    @Test
    void fetchesKeysWithSpacesAndNonAsciiCharacters() {
        byte[] photo = ImageSamples.png(64);
        String key = "birds/blue jay, Zürich é 鳥.png";
        ImageReference reference = put(key, photo, "image/png");

        StoredImage image = storage(1_000_000).fetch(reference);

        assertThat(image.reference().key()).isEqualTo(key);
        assertThat(image.image().bytes()).isEqualTo(photo);
    }

    @Test
    void fetchesAnImageExactlyAtTheLimit() {
        ImageReference reference = put("birds/limit.jpg", ImageSamples.jpeg(4096), "image/jpeg");

        assertThat(storage(4096).fetch(reference).contentLength()).isEqualTo(4096);
    }

    @Test
    void refusesAnImageAboveTheLimitNamingSizeAndLimit() {
        ImageReference reference = put("birds/huge.jpg", ImageSamples.jpeg(4097), "image/jpeg");

        assertThatThrownBy(() -> storage(4096).fetch(reference))
                .isInstanceOfSatisfying(ImageTooLargeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.size()).isEqualTo(4097);
                    assertThat(e.limit()).isEqualTo(4096);
                })
                .hasMessageContaining("birds/huge.jpg").hasMessageContaining("4097").hasMessageContaining("4096");
    }

    @Test
    void refusesAnEmptyImage() {
        ImageReference reference = put("birds/empty.jpg", new byte[0], "image/jpeg");

        assertThatThrownBy(() -> storage(1_000_000).fetch(reference))
                .isInstanceOf(EmptyImageException.class)
                .hasMessageContaining("birds/empty.jpg")
                .satisfies(e -> assertThat(((FieldmarkException) e).retryable()).isFalse());
    }

    @Test
    void reportsAMissingImageAsNotFoundNamingTheKey() {
        ImageReference reference = missing("birds/gone.jpg");

        assertThatThrownBy(() -> storage(1_000_000).fetch(reference))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("birds/gone.jpg")
                .satisfies(e -> assertThat(((FieldmarkException) e).retryable()).isFalse());
    }

    @Test
    void keepsTheContentTypeItWasStoredWith() {
        ImageReference reference = put("birds/text.jpg", "not really a photo".getBytes(StandardCharsets.UTF_8),
                "text/plain");

        // Storage reports what it holds; refusing the wrong type is the service's job.
        assertThat(storage(1_000_000).fetch(reference).contentType()).startsWith("text/plain");
    }
}
