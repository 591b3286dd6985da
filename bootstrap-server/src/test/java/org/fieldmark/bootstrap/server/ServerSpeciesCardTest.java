package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The species card through the real server: counts, times and the hour chart over the whole log,
 * following reviews; the best photo (the most probable with a photo, or the pinned one); the
 * latest sightings; the links; a day's sightings; and the preview's box, drawn from the region.
 * The log's zone is UTC, so seeded times are their own local hours.
 */
class ServerSpeciesCardTest {

    private static final String CARDINAL = "/v1/species/Cardinalis%20cardinalis";
    private static final String SPARROW = "/v1/species/Passer%20domesticus";

    @TempDir
    Path work;
    private PhotoServer api;

    @BeforeEach
    void start() throws Exception {
        api = PhotoServer.start(work, "--policy.time-zone=UTC");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonObject json(String uri) throws Exception {
        HttpResponse<Buffer> response = api.get(uri);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    private HttpResponse<Buffer> send(String method, String uri, String body) throws Exception {
        var request = api.client.request(io.vertx.core.http.HttpMethod.valueOf(method), uri);
        return PhotoServer.await(body == null ? request.send()
                : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
    }

    private static List<String> ids(JsonArray sightings) {
        return sightings.stream().map(s -> ((JsonObject) s).getString("id")).toList();
    }

    private Sighting seed(String id, String time, String scientific, String display, Region region) {
        Sighting sighting = new Sighting(id, Instant.parse(time), id + ".jpg", "feeder", scientific, display, 0.9, true,
                false, "recorded", null, region);
        api.server.sightingRepository().save(sighting);
        return sighting;
    }

    @Test
    void countsFollowAReviewAndTheBestPhotoIsTheMostProbableOneWithAPhoto() throws Exception {
        String sure = api.upload("a.jpg", PhotoServer.jpeg(320, 240, Color.RED, 1));
        api.answer("[0.60, 0.30, 0.05, 0.05]");
        String unsure = api.upload("b.jpg", PhotoServer.jpeg(320, 240, Color.RED, 2));
        api.answer(PhotoServer.SPARROW);
        String sparrow = api.upload("c.jpg", PhotoServer.jpeg(320, 240, Color.GRAY, 3));

        JsonObject cardinal = json(CARDINAL);
        assertThat(cardinal.getString("displayName")).isEqualTo("Northern Cardinal");
        assertThat(cardinal.getLong("count")).isEqualTo(2);
        assertThat(cardinal.getJsonObject("best").getString("id")).isEqualTo(sure);
        assertThat(cardinal.getJsonObject("best").getString("previewUrl")).endsWith("/" + sure + "/preview");
        assertThat(cardinal.getBoolean("pinned")).isFalse();
        assertThat(ids(cardinal.getJsonArray("recent"))).containsExactly(unsure, sure);
        assertThat(json(SPARROW).getLong("count")).isEqualTo(1);

        assertThat(send("POST", "/v1/sightings/" + sure + "/review", "{\"label\": \"House Sparrow\"}").statusCode())
                .isEqualTo(200);

        cardinal = json(CARDINAL);
        assertThat(cardinal.getLong("count")).isEqualTo(1);
        assertThat(cardinal.getJsonObject("best").getString("id")).isEqualTo(unsure);
        JsonObject corrected = json(SPARROW);
        assertThat(corrected.getLong("count")).isEqualTo(2);
        assertThat(corrected.getJsonObject("best").getString("id")).isEqualTo(sure);
        assertThat(ids(corrected.getJsonArray("recent"))).containsExactly(sparrow, sure);
        assertThat(corrected.getJsonObject("links").getString("wikipedia"))
                .isEqualTo("https://en.wikipedia.org/wiki/Special:Search?search=Passer+domesticus");
        assertThat(corrected.getJsonObject("links").getString("ebird")).isEqualTo("https://ebird.org/explore?q=Passer+domesticus");
    }

    @Test
    void theHoursFirstAndLastSeenCoverTheWholeLogAndSightingsWithoutAPhotoAreNeverBest() throws Exception {
        seed("m1", "2026-04-30T06:10:00Z", "Turdus merula", "Eurasian Blackbird", null);
        seed("m2", "2026-05-01T06:50:00Z", "Turdus merula", "Eurasian Blackbird", null);
        seed("m3", "2026-05-02T18:00:00Z", "Turdus merula", "Eurasian Blackbird", null);

        JsonObject card = json("/v1/species/turdus%20MERULA");

        assertThat(card.getString("scientificName")).isEqualTo("Turdus merula");
        assertThat(card.getLong("count")).isEqualTo(3);
        assertThat(card.getString("firstSeen")).isEqualTo("2026-04-30T06:10:00Z");
        assertThat(card.getString("lastSeen")).isEqualTo("2026-05-02T18:00:00Z");
        List<Integer> hours = new ArrayList<>(Collections.nCopies(24, 0));
        hours.set(6, 2);
        hours.set(18, 1);
        assertThat(card.getJsonArray("hours").getList()).isEqualTo(hours);
        assertThat(card.getValue("best")).isNull();
        assertThat(ids(card.getJsonArray("recent"))).containsExactly("m3", "m2", "m1");
        assertThat(ids(json("/v1/sightings?day=2026-05-01").getJsonArray("sightings"))).containsExactly("m2");
    }

    @Test
    void aCatalogSpeciesNeverSeenHasAnEmptyCardAndAnUnknownOneIsNotFound() throws Exception {
        JsonObject card = json(CARDINAL);
        assertThat(card.getLong("count")).isZero();
        assertThat(card.getValue("firstSeen")).isNull();
        assertThat(card.getValue("lastSeen")).isNull();
        assertThat(card.getValue("best")).isNull();
        assertThat(card.getJsonArray("recent")).isEmpty();
        assertThat(card.getJsonArray("hours").getList()).hasSize(24).containsOnly(0);

        HttpResponse<Buffer> unknown = api.get("/v1/species/Aquila%20chrysaetos");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("SPECIES_NOT_FOUND");
    }

    @Test
    void aPinnedSightingIsTheBestPhotoUntilItIsUnpinned() throws Exception {
        String sure = api.upload("a.jpg", PhotoServer.jpeg(320, 240, Color.RED, 1));
        api.answer("[0.60, 0.30, 0.05, 0.05]");
        String unsure = api.upload("b.jpg", PhotoServer.jpeg(320, 240, Color.RED, 2));
        api.answer(PhotoServer.SPARROW);
        String sparrow = api.upload("c.jpg", PhotoServer.jpeg(320, 240, Color.GRAY, 3));

        assertThat(send("PUT", CARDINAL + "/best", "{\"sightingId\": \"" + unsure + "\"}").statusCode()).isEqualTo(204);
        JsonObject pinned = json(CARDINAL);
        assertThat(pinned.getBoolean("pinned")).isTrue();
        assertThat(pinned.getJsonObject("best").getString("id")).isEqualTo(unsure);

        HttpResponse<Buffer> other = send("PUT", CARDINAL + "/best", "{\"sightingId\": \"" + sparrow + "\"}");
        assertThat(other.statusCode()).as(other.bodyAsString()).isEqualTo(400);
        HttpResponse<Buffer> unknown = send("PUT", CARDINAL + "/best", "{\"sightingId\": \"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("SIGHTING_NOT_FOUND");
        assertThat(json(CARDINAL).getJsonObject("best").getString("id")).isEqualTo(unsure);

        assertThat(send("DELETE", CARDINAL + "/best", null).statusCode()).isEqualTo(204);
        JsonObject unpinned = json(CARDINAL);
        assertThat(unpinned.getBoolean("pinned")).isFalse();
        assertThat(unpinned.getJsonObject("best").getString("id")).isEqualTo(sure);
        assertThat(send("DELETE", CARDINAL + "/best", null).statusCode()).isEqualTo(204);
    }

    @Test
    void thePreviewOfALocatedBirdHasItsBoxDrawnAndAFolderPhotoIsLinkedNotCopied() throws Exception {
        Files.write(work.resolve("birds").resolve("hedge.jpg"), PhotoServer.jpeg(640, 480, new Color(30, 120, 50), 1));
        seed("boxed", "2026-05-01T06:00:00Z", "Turdus merula", "Eurasian Blackbird", new Region(160, 120, 320, 240,
                640, 480));
        api.server.sightingRepository().save(new Sighting("plain", Instant.parse("2026-05-01T06:01:00Z"), "hedge.jpg",
                "feeder", "Turdus merula", "Eurasian Blackbird", 0.9, true, false, "recorded", null, null));
        api.server.sightingRepository().save(new Sighting("box2", Instant.parse("2026-05-01T06:02:00Z"), "hedge.jpg",
                "feeder", "Turdus merula", "Eurasian Blackbird", 0.9, true, false, "recorded", null,
                new Region(160, 120, 320, 240, 640, 480)));

        assertThat(json("/v1/sightings/plain").getString("photoUrl")).isEqualTo("/v1/sightings/plain/photo");
        BufferedImage boxed = PhotoServer.decode(api.get("/v1/sightings/box2/preview").body().getBytes());
        BufferedImage plain = PhotoServer.decode(api.get("/v1/sightings/plain/preview").body().getBytes());

        // 640x480 becomes 480x360: the box's left edge is at x = 120, its top at y = 90.
        assertThat(List.of(boxed.getWidth(), boxed.getHeight())).containsExactly(480, 360);
        int onTheEdge = boxed.getRGB(121, 180);
        int inside = boxed.getRGB(240, 180);
        assertThat(red(onTheEdge)).as("red of the box's edge").isGreaterThan(200);
        assertThat(red(inside)).as("red inside the box").isLessThan(100);
        assertThat(red(plain.getRGB(121, 180))).as("red of the unboxed preview there").isLessThan(100);
        // "boxed" names a photo the folder does not have: nothing to show, nothing copied into the store.
        assertThat(json("/v1/sightings/boxed").getValue("photoUrl")).isNull();
        assertThat(api.get("/v1/sightings/boxed/photo").statusCode()).isEqualTo(404);
        try (var stored = Files.list(work.resolve("data").resolve("photos"))) {
            assertThat(stored).isEmpty();
        }
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }
}
