package org.fieldmark.application.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.port.in.SightingPhotosUseCase;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.PhotoStorePort;
import org.fieldmark.application.port.out.PreviewPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.sighting.Sighting;

/**
 * {@link SightingPhotosUseCase}: a sighting's photo from the photo store when it was kept there
 * ({@link PhotoOrigin}), else from its source (the watched folder, S3); its preview made by the
 * {@link PreviewPort} once and kept in a cache of at most {@code previewCacheBytes} (least recently
 * used out first). A cached preview is only handed out while its photo is still available, so an
 * evicted upload's preview goes with it.
 */
public final class SightingPhotos implements SightingPhotosUseCase {

    /** Previews kept in memory by default: about 500 previews of 480 px. */
    public static final long DEFAULT_PREVIEW_CACHE_BYTES = 16L * 1024 * 1024;

    private final SightingRepository repository;
    private final OutboxPort outbox;
    private final PhotoStorePort photos;
    private final ImageStoragePort sources;
    private final Function<Sighting, ImageReference> sourceOf;
    private final PreviewPort previews;
    private final long previewCacheBytes;
    private final Map<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    /**
     * @param repository        the bird log
     * @param outbox            the outbox the sightings were recorded through (tells uploads from linked photos)
     * @param photos            the photos kept here
     * @param sources           where linked photos are read (the folder, S3)
     * @param sourceOf          where a sighting's linked photo is in {@code sources}
     * @param previews          makes previews
     * @param previewCacheBytes the most bytes of previews kept in memory
     */
    public SightingPhotos(SightingRepository repository, OutboxPort outbox, PhotoStorePort photos,
                          ImageStoragePort sources, Function<Sighting, ImageReference> sourceOf, PreviewPort previews,
                          long previewCacheBytes) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.photos = Objects.requireNonNull(photos, "photos");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.sourceOf = Objects.requireNonNull(sourceOf, "sourceOf");
        this.previews = Objects.requireNonNull(previews, "previews");
        if (previewCacheBytes < 0) {
            throw new IllegalArgumentException("the preview cache must not be negative, was " + previewCacheBytes);
        }
        this.previewCacheBytes = previewCacheBytes;
    }

    /** Whether the photo of {@code sighting} can be shown, without reading it. */
    public boolean available(Sighting sighting) {
        if (photos.has(sighting.id())) {
            return true;
        }
        return !PhotoOrigin.keptHere(sighting, outbox) && sources.exists(sourceOf.apply(sighting));
    }

    @Override
    public Optional<ImageBytes> photo(String sightingId) {
        Objects.requireNonNull(sightingId, "sightingId");
        return repository.find(sightingId).flatMap(this::photoOf);
    }

    @Override
    public Optional<byte[]> preview(String sightingId) {
        Objects.requireNonNull(sightingId, "sightingId");
        Optional<Sighting> sighting = repository.find(sightingId);
        if (sighting.isEmpty()) {
            return Optional.empty();
        }
        byte[] cached = cached(sightingId);
        if (cached != null) {
            return available(sighting.get()) ? Optional.of(cached) : Optional.empty();
        }
        Optional<ImageBytes> photo = photoOf(sighting.get());
        if (photo.isEmpty()) {
            return Optional.empty();
        }
        byte[] jpeg = Objects.requireNonNull(previews.preview(photo.get(), sighting.get().region()), "no preview");
        remember(sightingId, jpeg);
        return Optional.of(jpeg);
    }

    private Optional<ImageBytes> photoOf(Sighting sighting) {
        Optional<ImageBytes> kept = photos.photo(sighting.id());
        if (kept.isPresent() || PhotoOrigin.keptHere(sighting, outbox)) {
            return kept;
        }
        try {
            return Optional.of(sources.fetch(sourceOf.apply(sighting)).image());
        } catch (ImageNotFoundException e) {
            return Optional.empty();
        }
    }

    private synchronized byte[] cached(String sightingId) {
        return cache.get(sightingId);
    }

    private synchronized void remember(String sightingId, byte[] jpeg) {
        if (jpeg.length > previewCacheBytes) {
            return;
        }
        byte[] before = cache.put(sightingId, jpeg);
        cachedBytes += jpeg.length - (before == null ? 0 : before.length);
        var eldest = cache.entrySet().iterator();
        while (cachedBytes > previewCacheBytes && eldest.hasNext()) {
            cachedBytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }
}
