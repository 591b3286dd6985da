package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The photo store through the real server (SQLite log, photo folder, ImageIO previews): uploads
 * keep their photo and list photoUrl and previewUrl; the count and byte limits evict the oldest
 * photo first (its links become null, its photo and preview 404); the API key guards both; and a
 * restart finds the photos and the pins again.
 */
class ServerPhotoStoreTest {

    private static final Color GREEN = new Color(40, 140, 60);

    @TempDir
    Path work;

    private static JsonObject json(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsAnUploadAndServesItsPhotoAndAPreviewOfAtMost480Pixels() throws Exception {
        byte[] photo = PhotoServer.jpeg(800, 600, GREEN, 1);
        try (PhotoServer api = PhotoServer.start(work)) {
            String id = api.upload("garden/tit.jpg", photo);

            JsonObject sighting = json(api.get("/v1/sightings/" + id));
            assertThat(sighting.getString("photoUrl")).isEqualTo("/v1/sightings/" + id + "/photo");
            assertThat(sighting.getString("previewUrl")).isEqualTo("/v1/sightings/" + id + "/preview");
            HttpResponse<Buffer> served = api.get(sighting.getString("photoUrl"));
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.getHeader("Content-Type")).isEqualTo("image/jpeg");
            assertThat(served.getHeader("Cache-Control")).isEqualTo("private, max-age=3600");
            assertThat(served.body().getBytes()).isEqualTo(photo);
            HttpResponse<Buffer> preview = api.get(sighting.getString("previewUrl"));
            assertThat(preview.getHeader("Content-Type")).isEqualTo("image/jpeg");
            BufferedImage image = PhotoServer.decode(preview.body().getBytes());
            assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(480, 360);
        }
        // The default folder is beside the bird log; the file is named by a hash, never by the key.
        assertThat(files(work.resolve("data").resolve("photos"))).singleElement().asString().matches("[0-9a-f]{64}");
    }

    @Test
    void aSmallPhotoIsNeverEnlargedInItsPreview() throws Exception {
        try (PhotoServer api = PhotoServer.start(work)) {
            String id = api.upload("small.jpg", PhotoServer.jpeg(200, 120, GREEN, 2));

            BufferedImage image = PhotoServer.decode(api.get("/v1/sightings/" + id + "/preview").body().getBytes());
            assertThat(List.of(image.getWidth(), image.getHeight())).containsExactly(200, 120);
        }
    }

    @Test
    void evictsTheOldestPhotoWhenTheCountIsReached() throws Exception {
        try (PhotoServer api = PhotoServer.start(work, "--photos.max-count=2")) {
            String first = api.upload("a.jpg", PhotoServer.jpeg(320, 240, GREEN, 1));
            String second = api.upload("b.jpg", PhotoServer.jpeg(320, 240, GREEN, 2));
            String third = api.upload("c.jpg", PhotoServer.jpeg(320, 240, GREEN, 3));

            assertGone(api, first);
            assertKept(api, second);
            assertKept(api, third);
            assertThat(files(work.resolve("data").resolve("photos"))).hasSize(2);
        }
    }

    @Test
    void evictsTheOldestPhotosWhenTheBytesAreReachedAndKeepsNoPhotoLargerThanTheStore() throws Exception {
        byte[] a = PhotoServer.jpeg(320, 240, GREEN, 1);
        byte[] b = PhotoServer.jpeg(320, 240, GREEN, 2);
        byte[] c = PhotoServer.jpeg(320, 240, GREEN, 3);
        // Room for any two of them, never for three.
        long limit = Math.max(a.length + b.length, b.length + c.length);
        try (PhotoServer api = PhotoServer.start(work, "--photos.max-bytes=" + limit)) {
            String first = api.upload("a.jpg", a);
            String second = api.upload("b.jpg", b);
            assertKept(api, first);

            String third = api.upload("c.jpg", c);
            String huge = api.upload("huge.jpg", PhotoServer.jpeg(1600, 1200, Color.ORANGE, 4));

            assertGone(api, first);
            assertKept(api, second);
            assertKept(api, third);
            assertGone(api, huge);
        }
    }

    private static void assertGone(PhotoServer api, String id) throws Exception {
        JsonObject sighting = json(api.get("/v1/sightings/" + id));
        assertThat(sighting.getValue("photoUrl")).as("photoUrl of %s", id).isNull();
        assertThat(sighting.getValue("previewUrl")).as("previewUrl of %s", id).isNull();
        HttpResponse<Buffer> photo = api.get("/v1/sightings/" + id + "/photo");
        assertThat(photo.statusCode()).isEqualTo(404);
        assertThat(photo.bodyAsJsonObject().getString("code")).isEqualTo("PHOTO_NOT_FOUND");
        HttpResponse<Buffer> preview = api.get("/v1/sightings/" + id + "/preview");
        assertThat(preview.statusCode()).isEqualTo(404);
        assertThat(preview.bodyAsJsonObject().getString("code")).isEqualTo("PREVIEW_NOT_FOUND");
    }

    private static void assertKept(PhotoServer api, String id) throws Exception {
        assertThat(json(api.get("/v1/sightings/" + id)).getString("photoUrl")).as("photoUrl of %s", id).isNotNull();
        assertThat(api.get("/v1/sightings/" + id + "/photo").statusCode()).isEqualTo(200);
        assertThat(api.get("/v1/sightings/" + id + "/preview").statusCode()).isEqualTo(200);
    }

    @Test
    void photosPreviewsAndSpeciesCardsNeedTheKeyWhenOneIsSet() throws Exception {
        String bearer = "Bearer feeder-key";
        try (PhotoServer api = PhotoServer.start(work, "--server.api-key=feeder-key")) {
            String id = api.upload("a.jpg", PhotoServer.jpeg(320, 240, GREEN, 1), "Authorization", bearer);

            for (String path : List.of("/v1/sightings/" + id + "/photo", "/v1/sightings/" + id + "/preview",
                    "/v1/species/Cardinalis%20cardinalis")) {
                HttpResponse<Buffer> without = api.get(path);
                assertThat(without.statusCode()).as(path).isEqualTo(401);
                assertThat(without.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHORIZED");
                assertThat(api.get(path, "Authorization", "Bearer wrong").statusCode()).as(path).isEqualTo(401);
                assertThat(api.get(path, "Authorization", bearer).statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void aRestartKeepsTheStoredPhotosAndThePins() throws Exception {
        byte[] photo = PhotoServer.jpeg(320, 240, GREEN, 1);
        String kept;
        String pinned;
        try (PhotoServer api = PhotoServer.start(work)) {
            kept = api.upload("a.jpg", photo);
            api.answer(PhotoServer.CARDINAL.replace("0.94", "0.50").replace("0.03", "0.47"));
            pinned = api.upload("b.jpg", PhotoServer.jpeg(320, 240, GREEN, 2));
            assertThat(PhotoServer.await(api.client.put("/v1/species/Cardinalis%20cardinalis/best")
                    .putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer("{\"sightingId\": \"" + pinned + "\"}"))).statusCode()).isEqualTo(204);
        }
        try (PhotoServer again = PhotoServer.start(work)) {
            assertThat(json(again.get("/v1/sightings/" + kept)).getString("photoUrl")).isNotNull();
            assertThat(again.get("/v1/sightings/" + kept + "/photo").body().getBytes()).isEqualTo(photo);
            JsonObject card = json(again.get("/v1/species/Cardinalis%20cardinalis"));
            assertThat(card.getBoolean("pinned")).isTrue();
            assertThat(card.getJsonObject("best").getString("id")).isEqualTo(pinned);
        }
    }
}
