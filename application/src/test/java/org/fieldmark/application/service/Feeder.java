package org.fieldmark.application.service;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldmark.adapter.memory.InMemoryOutbox;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.port.out.ThumbnailPort;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.InMemoryImageStorage;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.application.testing.RecordingLogger;
import org.fieldmark.application.testing.ScriptedInference;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.NotificationPolicy;
import org.fieldmark.domain.sighting.NotificationPolicy.Mode;

/**
 * A feeder camera for bird-log tests: a four-class catalog with scientific names, a model that
 * answers what each photo is scripted to show, an in-memory log, a clock that moves only when
 * told, and sighting ids {@code s1, s2, ...}.
 */
final class Feeder {

    static final SpeciesCatalog CATALOG = SpeciesCatalog.fromLines("feeder-4", List.of(
            "Passer domesticus (House Sparrow)", "Cyanocitta cristata (Blue Jay)",
            "Cardinalis cardinalis (Northern Cardinal)", "background"));
    static final String SPARROW = "Passer domesticus";
    static final String JAY = "Cyanocitta cristata";
    static final String CARDINAL = "Cardinalis cardinalis";
    static final String NOT_A_BIRD = "background";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    final InMemoryImageStorage storage = new InMemoryImageStorage();
    final InMemorySightingRepository repository = new InMemorySightingRepository();
    final MutableClock clock = MutableClock.at("2026-11-29T07:00:00Z");
    final RecordingLogger log = new RecordingLogger();
    private final Map<String, double[]> answers = new ConcurrentHashMap<>();
    private final AtomicInteger photos = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    /** Policy settings: defaults unless a test changes them. */
    Mode mode = Mode.EVERY;
    long cooldownMinutes;
    Set<String> deny = Set.of();
    boolean notifyNoBird;
    String sourceName;

    IdentifyBirdService service(NotificationPort notifier) {
        return IdentifyBirdService.builder(storage, model(), notifier, settings()).log(log).birdLog(birdLog())
                .outbox(new InMemoryOutbox(repository)).build();
    }

    /**
     * The service as the wirings build it, with a locator and a bird log that keeps a crop thumbnail,
     * made by {@code thumbnails}, with each sighting of a located bird.
     */
    IdentifyBirdService located(NotificationPort notifier, BirdLocatorPort locator, ThumbnailPort thumbnails) {
        return IdentifyBirdService.builder(storage, model(), notifier, settings())
                .log(log).locator(locator).birdLog(birdLog().withThumbnails(thumbnails))
                .outbox(new InMemoryOutbox(repository)).build();
    }

    BirdLog birdLog() {
        NotificationPolicy policy = new NotificationPolicy(mode, 0.3, 0.7, Map.of(), Set.of(), deny,
                Duration.ofMinutes(cooldownMinutes), Map.of(), ZONE, notifyNoBird);
        return new BirdLog(policy, repository, clock, () -> "s" + ids.incrementAndGet(), sourceName);
    }

    ScriptedInference model() {
        return new ScriptedInference("feeder-model",
                image -> answers.get(new String(image.bytes(), 8, 24, java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    IdentificationSettings settings() {
        return new IdentificationSettings(CATALOG, org.fieldmark.domain.IdentificationRules.DEFAULT,
                IdentificationSettings.DEFAULT_MAX_IMAGE_BYTES, notifyNoBird);
    }

    /** Stores a photo whose model answer puts {@code probability} on {@code species}, the rest spread. */
    ImageReference photo(String species, double probability) {
        return snapshot("feeder", "birds/photo-" + (photos.get() + 1) + ".jpg", species, probability);
    }

    /** Stores an image at {@code bucket}/{@code key} (a Frigate snapshot: camera/event id) showing {@code species}. */
    ImageReference snapshot(String bucket, String key, String species, double probability) {
        int n = photos.incrementAndGet();
        byte[] bytes = ImageSamples.jpeg(256);
        String tag = String.format("%-24s", "photo-" + n);
        System.arraycopy(tag.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, bytes, 8, 24);
        int index = List.of(SPARROW, JAY, CARDINAL, NOT_A_BIRD).indexOf(species);
        double[] vector = new double[4];
        for (int i = 0; i < 4; i++) {
            vector[i] = i == index ? probability : Math.min((1.0 - probability) / 3, probability / 2);
        }
        answers.put(tag, vector);
        return storage.put(bucket, key, bytes, "image/jpeg");
    }

    IdentificationResult identify(IdentifyBirdService service, String species, double probability) {
        return service.identify(IdentifyImageCommand.notifying(photo(species, probability)));
    }
}
