package org.fieldmark.application.testing;

import java.util.List;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.NotificationPort;
import org.junit.jupiter.api.Nested;

/**
 * The test fakes behave like the real adapters, so use-case tests built on them mean something.
 * The stores in memory are adapters of their own: adapter-memory runs their contracts.
 */
class FakesPassTheirContractsTest {

    @Nested
    class InMemoryStorage extends ImageStoragePortContract {
        private final java.util.Map<ImageReference, Object[]> stored = new java.util.LinkedHashMap<>();

        @Override
        protected ImageStoragePort storage(long maxBytes) {
            InMemoryImageStorage storage = new InMemoryImageStorage(maxBytes);
            stored.forEach((ref, image) -> storage.put(ref.bucket(), ref.key(), (byte[]) image[0], (String) image[1]));
            return storage;
        }

        @Override
        protected ImageReference put(String key, byte[] bytes, String contentType) {
            ImageReference reference = new ImageReference("feeder", key);
            stored.put(reference, new Object[] {bytes, contentType});
            return reference;
        }

        @Override
        protected ImageReference missing(String key) {
            return new ImageReference("feeder", key);
        }
    }

    @Nested
    class Scripted extends InferencePortContract {
        @Override
        protected InferencePort inference() {
            return new ScriptedInference("scripted", image -> new double[] {0.1, 0.2, 0.3, 0.4});
        }

        @Override
        protected ImageBytes sampleImage() {
            return new ImageBytes(ImageSamples.jpeg(32), "image/jpeg");
        }

        @Override
        protected int classCount() {
            return 4;
        }
    }

    @Nested
    class ScriptedWholeFrame extends BirdLocatorPortContract {
        @Override
        protected BirdLocatorPort locator() {
            return ScriptedLocator.wholeFrame(640, 480);
        }

        @Override
        protected ImageBytes samplePhoto() {
            return new ImageBytes(ImageSamples.jpeg(32), "image/jpeg");
        }

        @Override
        protected int sampleWidth() {
            return 640;
        }

        @Override
        protected int sampleHeight() {
            return 480;
        }
    }

    @Nested
    class Recording extends NotificationPortContract {
        private final RecordingNotifier notifier = new RecordingNotifier();

        @Override
        protected NotificationPort notifier() {
            return notifier;
        }

        @Override
        protected List<String> deliveredMessages() {
            return notifier.messages();
        }

        @Override
        protected void breakChannel() {
            notifier.failWith(new NotificationFailedException("receiver down", true));
        }
    }
}
