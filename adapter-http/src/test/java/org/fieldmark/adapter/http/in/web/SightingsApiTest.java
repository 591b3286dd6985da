package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bird log's endpoints over real HTTP, on the in-memory log; "today" is 1 May 2026 in Berlin. */
@ExtendWith(VertxExtension.class)
class SightingsApiTest {

    private ApiFixture api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiFixture.start(vertx);
        api.record("a1", "2026-04-20T06:00:00Z", "Passer domesticus", "House Sparrow");
        api.record("b1", "2026-05-01T05:10:00Z", "Passer domesticus", "House Sparrow");
        api.record("b2", "2026-05-01T05:20:00Z", "Cardinalis cardinalis", "Northern Cardinal");
        api.record("b3", "2026-05-01T06:40:00Z", "Cardinalis cardinalis", "Northern Cardinal");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonObject getJson(String uri) throws Exception {
        HttpResponse<Buffer> response = ApiFixture.send(api.get(uri));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        return response.bodyAsJsonObject();
    }

    private HttpResponse<Buffer> review(String id, String body) throws Exception {
        return ApiFixture.send(api.post("/v1/sightings/" + id + "/review").putHeader("Content-Type",
                "application/json"), Buffer.buffer(body));
    }

    @Test
    void afterAReviewTheStatisticsAndTheCsvShowTheCorrectedSpecies() throws Exception {
        HttpResponse<Buffer> reviewed = review("b3", "{\"label\": \"Turdus merula\"}");

        assertThat(reviewed.statusCode()).as(reviewed.bodyAsString()).isEqualTo(200);
        assertThat(reviewed.bodyAsJsonObject()).isEqualTo(new JsonObject("""
                {"id": "b3", "time": "2026-05-01T06:40:00Z", "source": "feeder", "key": "birds/b3.jpg",
                 "scientificName": "Cardinalis cardinalis", "displayName": "Northern Cardinal", "probability": 0.9,
                 "confident": true, "notified": false, "reason": "recorded",
                 "review": {"scientificName": "Turdus merula", "notABird": false},
                 "countsAs": {"scientificName": "Turdus merula", "displayName": "Eurasian Blackbird"},
                 "photoUrl": null, "previewUrl": null, "deliveries": []}
                """));
        assertThat(review("b2", "{\"notABird\": true}").statusCode()).isEqualTo(200);

        JsonArray species = getJson("/v1/species").getJsonArray("species");
        assertThat(species.stream().map(o -> ((JsonObject) o).getString("displayName") + " x"
                + ((JsonObject) o).getInteger("count") + (((JsonObject) o).getBoolean("new") ? " new" : "")))
                .containsExactly("Eurasian Blackbird x1 new", "House Sparrow x1");
        JsonObject hourly = getJson("/v1/stats/hourly?date=2026-05-01");
        assertThat(hourly.getInteger("total")).isEqualTo(2);
        HttpResponse<Buffer> csv = ApiFixture.send(api.get("/v1/sightings.csv?from=2026-05-01&to=2026-05-02"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.bodyAsString()).startsWith("Eurasian Blackbird,Turdus,merula,1,")
                .contains("\r\nHouse Sparrow,Passer,domesticus,1,").doesNotContain("Cardinal");
    }

    @Test
    void aLocatedSightingListsItsRegionAndThumbnailAndServesTheThumbnailAsAJpeg() throws Exception {
        Region box = new Region(512, 288, 256, 170, 1280, 720);
        api.birdLog.save(new Sighting("boxed", Instant.parse("2026-05-01T07:00:00Z"), "birds/boxed.jpg", "feeder",
                "Passer domesticus", "House Sparrow", 0.9, true, false, "recorded", null, box));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 0, 1, 2, (byte) 0xFF, (byte) 0xD9};
        api.birdLog.saveThumbnail("boxed", jpeg);

        JsonObject boxed = getJson("/v1/sightings?limit=2").getJsonArray("sightings").getJsonObject(0);
        JsonObject plain = getJson("/v1/sightings?limit=2").getJsonArray("sightings").getJsonObject(1);

        assertThat(boxed.getJsonObject("region")).isEqualTo(new JsonObject("""
                {"x": 512, "y": 288, "width": 256, "height": 170, "imageWidth": 1280, "imageHeight": 720,
                 "left": 0.4, "top": 0.4, "relativeWidth": 0.2, "relativeHeight": 0.2361111111111111,
                 "wholeFrame": false}
                """));
        assertThat(boxed.getString("thumbnailUrl")).isEqualTo("/v1/sightings/boxed/thumbnail");
        assertThat(plain.getString("id")).isEqualTo("b3");
        assertThat(plain.fieldNames()).doesNotContain("region", "thumbnailUrl");
        HttpResponse<Buffer> thumbnail = ApiFixture.send(api.get(boxed.getString("thumbnailUrl")));
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.getHeader("Content-Type")).isEqualTo("image/jpeg");
        assertThat(thumbnail.getHeader("Cache-Control")).isEqualTo("private, max-age=3600");
        assertThat(thumbnail.body().getBytes()).isEqualTo(jpeg);
        HttpResponse<Buffer> reviewed = review("boxed", "{\"label\": \"Turdus merula\"}");
        assertThat(reviewed.bodyAsJsonObject().getString("thumbnailUrl")).isEqualTo("/v1/sightings/boxed/thumbnail");
        assertThat(reviewed.bodyAsJsonObject().getJsonObject("region").getInteger("x")).isEqualTo(512);
    }

    @Test
    void aSightingWithoutAThumbnailOrAnUnknownIdAnswersAProblem() throws Exception {
        for (String id : List.of("b1", "no-such-id", "with%20space")) {
            HttpResponse<Buffer> response = ApiFixture.send(api.get("/v1/sightings/" + id + "/thumbnail"));

            assertThat(response.statusCode()).as(id).isEqualTo(404);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("THUMBNAIL_NOT_FOUND");
            assertThat(response.bodyAsJsonObject().getString("detail")).contains("has no thumbnail");
        }
        assertThat(SightingsRoutes.thumbnailUrl("a b/c")).isEqualTo("/v1/sightings/a%20b%2Fc/thumbnail");
    }

    @Test
    void pagesThroughTheLogNewestFirstFollowingTheNextLink() throws Exception {
        List<String> ids = new ArrayList<>();
        String next = "/v1/sightings?limit=3&species=passer%20DOMESTICUS";
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // more than a few pages would be a bug
            api.record("p" + i, "2026-05-01T07:%02d:00Z".formatted(i % 60), "Passer domesticus", "House Sparrow");
        }
        while (next != null) {
            links.add(next);
            JsonObject page = getJson(next);
            page.getJsonArray("sightings").forEach(s -> ids.add(((JsonObject) s).getString("id")));
            next = page.getString("next");
            assertThat(next == null).isEqualTo(page.getString("nextCursor") == null);
        }

        assertThat(ids).hasSize(52).doesNotHaveDuplicates().startsWith("p49", "p48").endsWith("b1", "a1");
        assertThat(links).hasSize(18);
        assertThat(links.get(1)).startsWith("/v1/sightings?limit=3&species=passer+DOMESTICUS&cursor=");
    }

    @Test
    void filtersByTimeWithDatesOrTimesWithOffsets() throws Exception {
        assertThat(ids(getJson("/v1/sightings?from=2026-05-01"))).containsExactly("b3", "b2", "b1");
        assertThat(ids(getJson("/v1/sightings?to=2026-05-01"))).containsExactly("a1");
        assertThat(ids(getJson("/v1/sightings?from=2026-05-01T07:15:00%2B02:00&to=2026-05-01T05:30:00Z")))
                .containsExactly("b2");
        assertThat(getJson("/v1/sightings").getString("next")).isNull();
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("sightings").stream().map(s -> ((JsonObject) s).getString("id")).toList();
    }

    @Test
    void listsTheSpeciesOfADayOrARange() throws Exception {
        JsonObject today = getJson("/v1/species");
        assertThat(today.getString("from")).isEqualTo("2026-04-30T22:00:00Z");
        assertThat(today.getString("to")).isEqualTo("2026-05-01T22:00:00Z");
        assertThat(today.getJsonArray("species").getJsonObject(0)).isEqualTo(new JsonObject("""
                {"scientificName": "Cardinalis cardinalis", "displayName": "Northern Cardinal", "count": 2,
                 "firstSeen": "2026-05-01T05:20:00Z", "lastSeen": "2026-05-01T06:40:00Z", "new": true}
                """));
        assertThat(getJson("/v1/species?date=2026-04-20").getJsonArray("species")).hasSize(1);
        assertThat(getJson("/v1/species?from=2026-04-01&to=2026-06-01").getJsonArray("species").stream()
                .map(o -> ((JsonObject) o).getInteger("count"))).containsExactly(2, 2);
    }

    @Test
    void countsTheHoursOfADayTheClocksGoBack() throws Exception {
        api.record("c1", "2026-10-25T00:30:00Z", "Passer domesticus", "House Sparrow"); // 02:30 +02:00
        api.record("c2", "2026-10-25T01:30:00Z", "Passer domesticus", "House Sparrow"); // 02:30 +01:00

        JsonObject day = getJson("/v1/stats/hourly?date=2026-10-25");

        assertThat(day.getString("zone")).isEqualTo("Europe/Berlin");
        JsonArray hours = day.getJsonArray("hours");
        assertThat(hours).hasSize(25);
        assertThat(hours.getJsonObject(2)).isEqualTo(new JsonObject(
                "{\"hour\": 2, \"start\": \"2026-10-25T02:00:00+02:00\", \"count\": 1}"));
        assertThat(hours.getJsonObject(3)).isEqualTo(new JsonObject(
                "{\"hour\": 2, \"start\": \"2026-10-25T02:00:00+01:00\", \"count\": 1}"));
        assertThat(getJson("/v1/stats/hourly").getString("date")).isEqualTo("2026-05-01");
    }

    @Test
    void servesTheCsvAsAnAttachmentNamedAfterItsDays() throws Exception {
        HttpResponse<Buffer> today = ApiFixture.send(api.get("/v1/sightings.csv"));
        HttpResponse<Buffer> range = ApiFixture.send(api.get("/v1/sightings.csv?from=2026-04-01&to=2026-05-02"));

        assertThat(today.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(today.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"fieldmark-ebird-2026-05-01.csv\"");
        assertThat(today.bodyAsString().lines()).hasSize(2);
        assertThat(range.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"fieldmark-ebird-2026-04-01_2026-05-02.csv\"");
        assertThat(range.bodyAsString().lines()).hasSize(3).allSatisfy(line -> assertThat(line).contains(",Stationary,"));
    }

    @Test
    void aReviewByCommonNameAndAgainReplacesTheFirst() throws Exception {
        assertThat(review("b1", "{\"label\": \"northern cardinal\"}").bodyAsJsonObject().getJsonObject("countsAs"))
                .isEqualTo(new JsonObject("{\"scientificName\": \"Cardinalis cardinalis\", "
                        + "\"displayName\": \"Northern Cardinal\"}"));
        JsonObject again = review("b1", "{\"notABird\": true, \"label\": null}").bodyAsJsonObject();
        assertThat(again.getValue("countsAs")).isNull();
        assertThat(again.getJsonObject("review")).isEqualTo(new JsonObject("{\"scientificName\": null, "
                + "\"notABird\": true}"));
        assertThat(api.birdLog.find("b1").orElseThrow().countsAsBird()).isFalse();
    }
}
