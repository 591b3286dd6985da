package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every new input of the photo and species-card API with what is wrong with it: odd sighting ids
 * never reach a file outside the photo store (a photo lies beside the store and one above it, and a
 * stored photo's own file name is no id either), bad days, species names and pin bodies answer 400
 * or 404 with a problem.
 */
class ServerPhotoBadInputTest {

    @TempDir
    static Path work;
    private static PhotoServer api;
    private static String stored;
    private static String sparrow;
    private static byte[] secret;

    @BeforeAll
    static void start() throws Exception {
        api = PhotoServer.start(work);
        stored = api.upload("a.jpg", PhotoServer.jpeg(320, 240, Color.RED, 1));
        api.answer(PhotoServer.SPARROW);
        sparrow = api.upload("b.jpg", PhotoServer.jpeg(320, 240, Color.GRAY, 2));
        secret = PhotoServer.jpeg(64, 64, Color.BLUE, 7);
        Files.write(work.resolve("secret.jpg"), secret);
        Files.write(work.resolve("data").resolve("secret.jpg"), secret);
        Files.write(work.resolve("data").resolve("photos").resolve("secret.jpg"), secret);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<String> oddIds() throws Exception {
        String hexLikeAStoredName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("placeholder".getBytes(StandardCharsets.UTF_8)));
        return Stream.of("..", "%2e%2e", "%2E%2E", "..%2F..%2Fsecret.jpg", "%2e%2e%2f%2e%2e%2fsecret.jpg",
                "..%5C..%5Csecret.jpg", "%2e%2e%5csecret.jpg", "secret.jpg", "photos%2Fsecret.jpg", "%2Fetc%2Fpasswd",
                "a%00b", "%00", "x".repeat(3000), hexLikeAStoredName, "STORED-FILE", "%25%32%65%25%32%65");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddIds")
    void anOddIdNeverReachesAFileOutsideTheStore(String id) throws Exception {
        String raw = id.equals("STORED-FILE") ? storedFileName() : id;
        for (String what : new String[] {"photo", "preview"}) {
            HttpResponse<Buffer> answer = PhotoServer.await(api.raw.get("/v1/sightings/" + raw + "/" + what).send());

            assertThat(answer.statusCode()).as(what).isIn(400, 404, 414);
            if (answer.statusCode() != 414) {
                assertThat(answer.getHeader("Content-Type")).as(what).isEqualTo("application/problem+json");
            }
            byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes();
            assertThat(body).as(what).isNotEqualTo(secret);
            assertThat(body.length > 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xD8).as(what).isFalse();
        }
    }

    /** The file name the store gave the uploaded photo: asking by it is asking for an unknown sighting. */
    private static String storedFileName() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("data").resolve("photos"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("[0-9a-f]{64}"))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void theIdOfAStoredPhotoStillServesIt() throws Exception {
        assertThat(api.get("/v1/sightings/" + stored + "/photo").statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> badRequests() {
        String cardinal = "/v1/species/Cardinalis%20cardinalis";
        return Stream.of(
                Arguments.of("day not a date", "GET", "/v1/sightings?day=yesterday", null, 400, "INVALID_REQUEST"),
                Arguments.of("day out of range", "GET", "/v1/sightings?day=2026-13-01", null, 400, "INVALID_REQUEST"),
                Arguments.of("day empty", "GET", "/v1/sightings?day=", null, 400, "INVALID_REQUEST"),
                Arguments.of("day with from", "GET", "/v1/sightings?day=2026-05-01&from=2026-05-01", null, 400,
                        "INVALID_REQUEST"),
                Arguments.of("day with to", "GET", "/v1/sightings?day=2026-05-01&to=2026-05-02", null, 400,
                        "INVALID_REQUEST"),
                Arguments.of("species name too long", "GET", "/v1/species/" + "a".repeat(201), null, 400,
                        "INVALID_REQUEST"),
                Arguments.of("species name blank", "GET", "/v1/species/%20%20", null, 400, "INVALID_REQUEST"),
                Arguments.of("species name with NUL", "GET", "/v1/species/Passer%00domesticus", null, 400,
                        "INVALID_REQUEST"),
                Arguments.of("species neither in the catalog nor seen", "GET", "/v1/species/Aquila%20chrysaetos",
                        null, 404, "SPECIES_NOT_FOUND"),
                Arguments.of("pin without sightingId", "PUT", cardinal + "/best", "{}", 400, "INVALID_REQUEST"),
                Arguments.of("pin with a number", "PUT", cardinal + "/best", "{\"sightingId\": 5}", 400,
                        "INVALID_REQUEST"),
                Arguments.of("pin not JSON", "PUT", cardinal + "/best", "sighting", 400, "INVALID_REQUEST"),
                Arguments.of("pin a JSON array", "PUT", cardinal + "/best", "[]", 400, "INVALID_REQUEST"),
                Arguments.of("pin another species' sighting", "PUT", cardinal + "/best",
                        "{\"sightingId\": \"SPARROW\"}", 400, "INVALID_REQUEST"),
                Arguments.of("pin an unknown sighting", "PUT", cardinal + "/best", "{\"sightingId\": \"nope\"}", 404,
                        "SIGHTING_NOT_FOUND"),
                Arguments.of("pin for an unknown species", "PUT", "/v1/species/Aquila%20chrysaetos/best",
                        "{\"sightingId\": \"STORED\"}", 404, "SPECIES_NOT_FOUND"),
                Arguments.of("unpin an unknown species", "DELETE", "/v1/species/Aquila%20chrysaetos/best", null, 404,
                        "SPECIES_NOT_FOUND"),
                Arguments.of("photo of an unknown sighting", "GET", "/v1/sightings/nope/photo", null, 404,
                        "PHOTO_NOT_FOUND"),
                Arguments.of("preview of an unknown sighting", "GET", "/v1/sightings/nope/preview", null, 404,
                        "PREVIEW_NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestIsAProblem(String what, String method, String uri, String body, int status, String code)
            throws Exception {
        HttpRequest<Buffer> request = api.client.request(HttpMethod.valueOf(method), uri);
        HttpResponse<Buffer> answer = PhotoServer.await(body == null ? request.send()
                : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(
                        body.replace("SPARROW", sparrow).replace("STORED", stored))));

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(status);
        assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo(code);
    }

    @Test
    void aPinWithoutAJsonBodyIsRefusedBeforeItIsRead() throws Exception {
        HttpResponse<Buffer> answer = PhotoServer.await(api.client.put("/v1/species/Cardinalis%20cardinalis/best")
                .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("x")));
        assertThat(answer.statusCode()).isEqualTo(415);
    }
}
