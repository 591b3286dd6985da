package org.fieldmark.application.service;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.PhotoStorePort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.port.out.ThumbnailPort;
import org.fieldmark.domain.sighting.NotificationPolicy;

/**
 * The bird log the identification service keeps, when it keeps one: the notification policy that
 * decides what is recorded and told, the repository the sightings go to, the clock that stamps
 * them, where their ids come from, and the camera or source name they carry.
 *
 * @param policy     decides record / notify and says why
 * @param repository where sightings are kept (also the policy's history)
 * @param clock      stamps each sighting; the policy decides at that instant
 * @param ids        a new unique id per sighting
 * @param sourceName the camera or source name on every sighting; {@code null} uses the photo's
 *                   bucket, or {@code default} when it has none
 * @param thumbnails makes the crop thumbnail kept with each sighting of a located bird;
 *                   {@code null} keeps none
 * @param photos     keeps the photos of sightings that have no other home (uploads, URL photos);
 *                   {@link PhotoStorePort#none()} keeps none
 */
public record BirdLog(NotificationPolicy policy, SightingRepository repository, Clock clock, Supplier<String> ids,
                      String sourceName, ThumbnailPort thumbnails, PhotoStorePort photos) {

    /**
     * The source name of photos without a bucket when none is configured; the same name the
     * MQTT notifier files results without a sighting under, so both agree.
     */
    public static final String DEFAULT_SOURCE = "default";

    public BirdLog {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(photos, "photos");
        sourceName = sourceName == null || sourceName.isBlank() ? null : sourceName.strip();
    }

    /** A log that keeps no thumbnails. */
    public BirdLog(NotificationPolicy policy, SightingRepository repository, Clock clock, Supplier<String> ids,
                   String sourceName) {
        this(policy, repository, clock, ids, sourceName, null, PhotoStorePort.none());
    }

    /** A log with random UUIDs as ids and the photos' buckets as source names. */
    public static BirdLog of(NotificationPolicy policy, SightingRepository repository, Clock clock) {
        return new BirdLog(policy, repository, clock, () -> UUID.randomUUID().toString(), null);
    }

    /** The same log with another source name ({@code null} for the photos' buckets). */
    public BirdLog withSourceName(String name) {
        return new BirdLog(policy, repository, clock, ids, name, thumbnails, photos);
    }

    /** The same log keeping a crop thumbnail, made by {@code maker}, with each sighting of a located bird. */
    public BirdLog withThumbnails(ThumbnailPort maker) {
        return new BirdLog(policy, repository, clock, ids, sourceName, maker, photos);
    }

    /** The same log keeping the photos of its sightings that have no other home in {@code store}. */
    public BirdLog withPhotos(PhotoStorePort store) {
        return new BirdLog(policy, repository, clock, ids, sourceName, thumbnails, store);
    }

    /** The source name a sighting of {@code image} carries. */
    String sourceOf(ImageReference image) {
        if (sourceName != null) {
            return sourceName;
        }
        return image.bucket().isBlank() ? DEFAULT_SOURCE : image.bucket();
    }
}
