package org.fieldmark.adapter.http.in.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.port.in.SightingPhotosUseCase;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.domain.ImageFormat;

/**
 * A sighting's photo ({@code GET /v1/sightings/{id}/photo}, its bytes with their media type) and its
 * preview ({@code GET /v1/sightings/{id}/preview}, a JPEG of at most 480 px with the located bird
 * outlined). The id only ever selects a sighting of the log; it never becomes a path. Both answer
 * 404 once the photo is gone (an evicted upload, a deleted folder file). The use case runs off the
 * event loop (it reads files and decodes images).
 */
final class PhotoRoutes {

    /** A photo or preview of a sighting does not change; a browser may keep it for an hour. */
    static final String CACHE = MadeJpegs.CACHE;

    private final SightingPhotosUseCase photos;
    private final Problems problems;

    PhotoRoutes(SightingPhotosUseCase photos, Problems problems) {
        this.photos = Objects.requireNonNull(photos, "photos");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** Where a sighting's photo is served. */
    static String photoUrl(String sightingId) {
        return SightingsRoutes.sightingUrl(sightingId, "photo");
    }

    /** Where a sighting's preview is served. */
    static String previewUrl(String sightingId) {
        return SightingsRoutes.sightingUrl(sightingId, "preview");
    }

    void photo(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> photos.photo(id), false).onFailure(ctx::fail).onSuccess(photo -> {
            if (photo.isEmpty()) {
                problems.send(ctx, Rejection.PHOTO_NOT_FOUND, "sighting '" + id + "' has no photo any more: it is "
                        + "not in the bird log, its upload was evicted from the photo store, or its file is gone; take"
                        + " ids with a photoUrl from GET /v1/sightings");
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, mediaType(photo.get()))
                    .putHeader(HttpHeaders.CACHE_CONTROL, CACHE)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .end(Buffer.buffer(photo.get().bytes()));
        });
    }

    void preview(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> photos.preview(id), false).onFailure(ctx::fail)
                .onSuccess((Optional<byte[]> jpeg) -> MadeJpegs.send(ctx, problems, jpeg, Rejection.PREVIEW_NOT_FOUND,
                        "sighting '" + id + "' has no preview: its photo is gone or it is not in the bird log; take"
                                + " ids with a previewUrl from GET /v1/sightings"));
    }

    /** The media type the bytes are (never a declared type the bytes contradict). */
    private static String mediaType(ImageBytes photo) {
        return ImageFormat.sniff(photo.bytes()).map(ImageFormat::mediaType).orElse("application/octet-stream");
    }
}
