package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.fieldmark.adapter.http.testing.OpenApiContract;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bird log through the real server: its wiring hands the web API the server's own log, and a
 * review made over HTTP shows in the species list, the hour chart's numbers and the eBird CSV.
 * The log is seeded through the wiring (the server records sightings itself once identification
 * does), at noon today in the server's zone, so "today" needs no parameters.
 */
class ServerSightingsTest {

    @TempDir
    static Path work;

    private static FieldmarkServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TODAY = LocalDate.now(ZoneId.systemDefault()).toString();

    @BeforeAll
    static void start() {
        server = FieldmarkServer.start(new ServerConfigLoader(Map.of(), path -> "").load(new String[] {
                "--server.port=0", "--folder.watch=false", "--folder.path=" + work.resolve("birds"),
                "--inference=http", "--http-model.url=http://127.0.0.1:9", "--identification.labels=inat-birds",
                "--sightings.path=" + work.resolve("fieldmark.db")}));
        Instant noon = LocalDate.parse(TODAY).atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant();
        server.sightingRepository().save(sighting("s1", noon, "Cardinalis cardinalis", "Northern Cardinal"));
        server.sightingRepository().save(sighting("s2", noon.plusSeconds(60), "Cardinalis cardinalis",
                "Northern Cardinal"));
    }

    private static Sighting sighting(String id, Instant time, String scientific, String display) {
        return new Sighting(id, time, "birds/" + id + ".jpg", "feeder", scientific, display, 0.91, true, true,
                "notified: every sighting", null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        request = json == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpRequest sent = request.build();
        return OpenApiContract.served().check(sent, json, HTTP.send(sent, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aReviewOverHttpShowsInTheSpeciesTheHoursAndTheCsv() throws Exception {
        assertThat(send("GET", "/v1/species", null).body()).contains("\"displayName\":\"Northern Cardinal\",\"count\":2");

        HttpResponse<String> review = send("POST", "/v1/sightings/s2/review", "{\"label\": \"House Sparrow\"}");

        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        assertThat(review.body()).contains("\"countsAs\":{\"scientificName\":\"Passer domesticus\","
                + "\"displayName\":\"House Sparrow\"}");
        assertThat(send("GET", "/v1/species", null).body())
                .contains("\"displayName\":\"Northern Cardinal\",\"count\":1")
                .contains("\"displayName\":\"House Sparrow\",\"count\":1");
        assertThat(send("GET", "/v1/stats/hourly?date=" + TODAY, null).body()).contains("\"total\":2");
        HttpResponse<String> csv = send("GET", "/v1/sightings.csv", null);
        assertThat(csv.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
        assertThat(csv.body().lines()).hasSize(2).anySatisfy(line -> assertThat(line)
                .startsWith("House Sparrow,Passer,domesticus,1,\"1 photo (1 reviewed by a person)"));
        assertThat(send("POST", "/v1/sightings/nope/review", "{\"notABird\": true}").statusCode()).isEqualTo(404);
    }
}
