package org.fieldmark.application.testing;

import java.util.List;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.service.InMemoryIdempotency;
import org.fieldmark.application.service.InMemoryOutbox;
import org.fieldmark.application.service.InMemorySightingRepository;
import org.junit.jupiter.api.Nested;

/** The in-memory fakes behave like the real adapters, so use-case tests built on them mean something. */
class FakesPassTheirContractsTest {

    @Nested
    class MemoryOutbox extends OutboxPortContract {
        @Override
        protected Store emptyStore() {
            InMemorySightingRepository sightings = new InMemorySightingRepository();
            return new Store(new InMemoryOutbox(sightings), sightings);
        }
    }

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

    @Nested
    class InMemorySightings extends SightingRepositoryContract {
        @Override
        protected SightingRepository emptyRepository() {
            return new InMemorySightingRepository();
        }
    }

    @Nested
    class InMemory extends IdempotencyPortContract {
        private final MutableClock clock = new MutableClock();
        private final InMemoryIdempotency port = new InMemoryIdempotency(CLAIM_TIMEOUT, clock, 100);

        @Override
        protected IdempotencyPort port() {
            return port;
        }

        @Override
        protected IdempotencyPort samePortElsewhere() {
            return port;
        }

        @Override
        protected MutableClock clock() {
            return clock;
        }
    }
}
