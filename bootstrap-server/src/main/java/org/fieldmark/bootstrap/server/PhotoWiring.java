package org.fieldmark.bootstrap.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.fieldmark.adapter.local.photos.LocalPhotoStoreAdapter;
import org.fieldmark.adapter.local.thumbnail.ImageIoPreviewAdapter;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.service.SightingPhotos;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.sighting.Sighting;

/**
 * The server's photos: the bounded folder that keeps uploads and URL photos, and the use case that
 * shows any sighting's photo and preview, from that folder or from the photo's source (the watched
 * folder, S3) without copying it.
 */
final class PhotoWiring {

    private PhotoWiring() {
    }

    /**
     * The photo store {@code photos.*} name, or one in a temporary folder (removed with
     * {@code resources}) beside a bird log in memory; a folder that cannot be used stops the start.
     */
    static LocalPhotoStoreAdapter store(ServerConfig.Photos config, List<AutoCloseable> resources) {
        try {
            Path folder = config.folder();
            if (folder == null) {
                folder = ServerWiring.closing(resources, PhotoStoreFolder.create()).folder();
            }
            return LocalPhotoStoreAdapter.open(folder, config.maxCount(), config.maxBytes());
        } catch (StorageUnavailableException | IOException e) {
            throw new ConfigurationInvalidException(List.of("photos.dir: " + e.getMessage()));
        }
    }

    /** Photos and previews of the bird log's sightings. */
    static SightingPhotos photos(ServerConfig config, SightingRepository log, OutboxPort outbox,
                                 LocalPhotoStoreAdapter store, ImageStoragePort sources) {
        return new SightingPhotos(log, outbox, store, sources, sourceOf(config), new ImageIoPreviewAdapter(),
                SightingPhotos.DEFAULT_PREVIEW_CACHE_BYTES);
    }

    /**
     * Where a linked photo is: the folder by its key; S3 in the sighting's bucket (its source name,
     * unless policy.source renamed the camera: then the configured bucket).
     */
    private static Function<Sighting, ImageReference> sourceOf(ServerConfig config) {
        if (config.storage().kind() != ServerConfig.StorageKind.S3) {
            return sighting -> ImageReference.of(sighting.sourceKey().isEmpty() ? "-" : sighting.sourceKey());
        }
        String renamed = config.birdLog().source();
        String bucket = config.storage().s3Bucket();
        return sighting -> new ImageReference(renamed == null ? sighting.source() : bucket,
                sighting.sourceKey().isEmpty() ? "-" : sighting.sourceKey());
    }
}
