package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InferenceTimeoutException;
import org.fieldmark.application.error.InvalidModelOutputException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a request can go wrong, each with its status, problem code, retryable flag and message. */
@ExtendWith(VertxExtension.class)
class WebApiBadInputTest {

    private static final String STORED = "{\"bucket\": \"feeder\", \"key\": \"birds/card.jpg\"}";
    private static final Consumer<ApiFixture> NOTHING = api -> { };

    /** Statuses this class saw per operation, to check nothing documented goes untested. */
    private static final Map<String, Set<Integer>> OBSERVED = new ConcurrentHashMap<>();
    private static final AtomicInteger casesRun = new AtomicInteger();

    private ApiFixture api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiFixture.start(vertx);
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    /** One bad request: what to set up, what to send, what must come back. */
    record Case(String name, Consumer<ApiFixture> setup, HttpMethod method, String uri, String contentType,
                Object body, int status, String code, boolean retryable, String detail) {

        Case(String name, Consumer<ApiFixture> setup, HttpMethod method, String uri, String contentType, Object body,
             int status, String code, String detail) {
            this(name, setup, method, uri, contentType, body, status, code, false, detail);
        }

        @Override
        public String toString() {
            return status + " " + code + ": " + name;
        }
    }

    private static Case raw(String name, String uri, String type, byte[] body, int status, String code, String detail) {
        return new Case(name, NOTHING, HttpMethod.POST, uri, type, Buffer.buffer(body), status, code, false, detail);
    }

    private static Case json(String name, String uri, String body, int status, String code, String detail) {
        return new Case(name, NOTHING, HttpMethod.POST, uri, "application/json",
                Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)), status, code, false, detail);
    }

    /** {@code POST /v1/sightings/{id}/review} with the sighting "b1" in the log. */
    private static Case review(String name, String id, String body, int status, String code, String detail) {
        return new Case(name, api -> api.record("b1", "2026-05-01T05:10:00Z", "Passer domesticus", "House Sparrow"),
                HttpMethod.POST, "/v1/sightings/" + id + "/review", "application/json",
                Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)), status, code, false, detail);
    }

    private static Case get(String name, String uri, int status, String code, String detail) {
        return new Case(name, NOTHING, HttpMethod.GET, uri, null, null, status, code, false, detail);
    }

    /** {@code POST /v1/identify} of a stored image, with the storage, model or notifier broken by {@code setup}. */
    private static Case failing(String name, Consumer<ApiFixture> setup, int status, String code, boolean retryable,
                                String detail) {
        return new Case(name, setup, HttpMethod.POST, "/v1/identify", "application/json", Buffer.buffer(STORED), status,
                code, retryable, detail);
    }

    private static Consumer<ApiFixture> storageFails(RuntimeException e) {
        return api -> api.storage.failWith((org.fieldmark.application.error.FieldmarkException) e);
    }

    /** {@code POST /v1/classify} of an upload, with the model or notifier broken by {@code setup}. */
    private static Case uploadFailing(String name, Consumer<ApiFixture> setup, int status, String code,
                                      boolean retryable, String detail) {
        return new Case(name, setup, HttpMethod.POST, "/v1/classify?notify=true", "image/jpeg",
                Buffer.buffer(ImageSamples.jpeg(64)), status, code, retryable, detail);
    }

    private static Consumer<ApiFixture> modelFails(RuntimeException e) {
        return api -> api.answer(image -> {
            throw e;
        });
    }

    private static MultipartForm form(String field, String type) {
        return MultipartForm.create().binaryFileUpload(field, "card.jpg",
                Buffer.buffer(ImageSamples.jpeg(64)), type);
    }

    static Stream<Case> badRequests() {
        byte[] jpeg = ImageSamples.jpeg(64);
        return Stream.of(
                // 400: malformed requests
                raw("top_k not a number", "/v1/classify?top_k=two", "image/jpeg", jpeg, 400, "INVALID_REQUEST",
                        "query parameter top_k must be a whole number of at least 1, got 'two'"),
                raw("top_k below 1", "/v1/classify?top_k=0", "image/jpeg", jpeg, 400, "INVALID_REQUEST", "0"),
                raw("threshold above 1", "/v1/classify?threshold=1.5", "image/jpeg", jpeg, 400, "INVALID_REQUEST",
                        "1.5"),
                raw("threshold not finite", "/v1/classify?threshold=NaN", "image/jpeg", jpeg, 400, "INVALID_REQUEST",
                        "query parameter threshold must be a number in [0, 1], got 'NaN'"),
                raw("notify not a boolean", "/v1/classify?notify=maybe", "image/jpeg", jpeg, 400, "INVALID_REQUEST",
                        "query parameter notify must be true or false, got 'maybe'"),
                raw("blank key", "/v1/classify?key=%20", "image/jpeg", jpeg, 400, "INVALID_REQUEST",
                        "image key must not be blank"),
                new Case("multipart without an image field", NOTHING, HttpMethod.POST, "/v1/classify", null,
                        form("photo", "image/jpeg"), 400, "INVALID_REQUEST",
                        "a multipart/form-data upload needs exactly one file field 'image', got 0"),
                json("body not JSON", "/v1/identify", "{\"bucket\": ", 400, "INVALID_REQUEST",
                        "request body is not valid JSON"),
                json("body a JSON array", "/v1/identify", "[]", 400, "INVALID_REQUEST",
                        "request body must be a JSON object, got JsonArray"),
                json("empty body", "/v1/identify", "", 400, "INVALID_REQUEST",
                        "request body is empty; send a JSON object"),
                json("neither key nor url", "/v1/identify", "{\"bucket\": \"feeder\"}", 400, "INVALID_REQUEST",
                        "send {\"bucket\": \"...\", \"key\": \"...\"} or {\"url\": \"...\"}"),
                json("both key and url", "/v1/identify", "{\"key\": \"a.jpg\", \"url\": \"https://example.org/a.jpg\"}",
                        400, "INVALID_REQUEST", "send either {\"bucket\", \"key\"} or {\"url\"}, not both"),
                json("key not a string", "/v1/identify", "{\"key\": 5}", 400, "INVALID_REQUEST",
                        "body member \"key\" must be a string"),
                json("blank key in body", "/v1/identify", "{\"bucket\": \"feeder\", \"key\": \" \"}", 400,
                        "INVALID_REQUEST", "image key must not be blank"),
                json("url not http", "/v1/identify", "{\"url\": \"file:///etc/passwd\"}", 400, "INVALID_REQUEST",
                        "\"url\" must be an http or https URL, got 'file:///etc/passwd'"),
                json("event without Records", "/v1/events/s3", "{\"records\": []}", 400, "INVALID_REQUEST",
                        "an S3 event notification needs a \"Records\" array (or is the s3:TestEvent)"),
                json("event record without s3", "/v1/events/s3", "{\"Records\": [{\"eventName\": \"ObjectCreated:Put\"}]}",
                        400, "INVALID_REQUEST", "Records[0] needs an object \"s3\""),
                json("event record without key", "/v1/events/s3",
                        "{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"b\"}, \"object\": {}}}]}",
                        400, "INVALID_REQUEST", "Records[0].s3.object has no \"key\""),
                json("event record's eTag not a string", "/v1/events/s3",
                        "{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"b\"}, "
                                + "\"object\": {\"key\": \"k\", \"eTag\": 7}}}]}",
                        400, "INVALID_REQUEST", "Records[0].s3.object member \"eTag\" must be a string"),
                json("event record's versionId not a string", "/v1/events/s3",
                        "{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"b\"}, "
                                + "\"object\": {\"key\": \"k\", \"versionId\": []}}}]}",
                        400, "INVALID_REQUEST", "Records[0].s3.object member \"versionId\" must be a string"),
                json("event record's sequencer not a string", "/v1/events/s3",
                        "{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"b\"}, "
                                + "\"object\": {\"key\": \"k\", \"sequencer\": 1}}}]}",
                        400, "INVALID_REQUEST", "Records[0].s3.object member \"sequencer\" must be a string"),
                get("limit not a number", "/v1/identifications?limit=all", 400, "INVALID_REQUEST",
                        "query parameter limit must be a whole number of at least 1, got 'all'"),
                get("limit below 1", "/v1/identifications?limit=0", 400, "INVALID_REQUEST",
                        "limit must be at least 1, got 0"),
                // the bird log
                get("sightings from a word", "/v1/sightings?from=yesterday", 400, "INVALID_REQUEST",
                        "query parameter from must be a date (2026-05-01) or a time with offset (2026-05-01T06:00:00Z),"
                                + " got 'yesterday'"),
                get("sightings to an impossible date", "/v1/sightings?to=2026-02-30", 400, "INVALID_REQUEST",
                        "query parameter to must be a date (2026-05-01) or a time with offset"),
                get("sightings from a time without offset", "/v1/sightings?from=2026-05-01T06:00:00", 400,
                        "INVALID_REQUEST", "got '2026-05-01T06:00:00'"),
                get("sightings from after to", "/v1/sightings?from=2026-05-02&to=2026-05-01", 400, "INVALID_REQUEST",
                        "query parameter from (2026-05-01T22:00:00Z) must be before to (2026-04-30T22:00:00Z)"),
                get("sightings limit 0", "/v1/sightings?limit=0", 400, "INVALID_REQUEST",
                        "query parameter limit must be within 1..1000, got 0"),
                get("sightings limit above 1000", "/v1/sightings?limit=1001", 400, "INVALID_REQUEST",
                        "query parameter limit must be within 1..1000, got 1001"),
                get("sightings limit not a number", "/v1/sightings?limit=many", 400, "INVALID_REQUEST",
                        "query parameter limit must be a whole number of at least 1, got 'many'"),
                get("sightings cursor made up", "/v1/sightings?cursor=page-2", 400, "INVALID_REQUEST",
                        "cursor 'page-2' is not one this log handed out; pass the nextCursor of the previous page"),
                get("csv from equal to to", "/v1/sightings.csv?from=2026-05-01&to=2026-05-01", 400, "INVALID_REQUEST",
                        "must be before to"),
                get("csv from without to", "/v1/sightings.csv?from=2026-05-01", 400, "INVALID_REQUEST",
                        "send both from and to (to is exclusive), or neither for today"),
                get("csv to not a date", "/v1/sightings.csv?from=2026-05-01&to=tomorrow", 400, "INVALID_REQUEST",
                        "query parameter to must be a date"),
                get("species date and range", "/v1/species?date=2026-05-01&from=2026-05-01&to=2026-05-02", 400,
                        "INVALID_REQUEST", "send either date or from and to, not both"),
                get("species date written the European way", "/v1/species?date=01.05.2026", 400, "INVALID_REQUEST",
                        "query parameter date must be a date like 2026-05-01, got '01.05.2026'"),
                get("species to before from", "/v1/species?from=2026-05-02&to=2026-05-01", 400, "INVALID_REQUEST",
                        "must be before to"),
                get("hourly month 13", "/v1/stats/hourly?date=2026-13-01", 400, "INVALID_REQUEST",
                        "query parameter date must be a date like 2026-05-01, got '2026-13-01'"),
                review("review body not JSON", "b1", "{\"label\": ", 400, "INVALID_REQUEST",
                        "request body is not valid JSON"),
                review("review body an array", "b1", "[\"Passer domesticus\"]", 400, "INVALID_REQUEST",
                        "request body must be a JSON object, got JsonArray"),
                review("review with label and notABird", "b1", "{\"label\": \"Turdus merula\", \"notABird\": true}",
                        400, "INVALID_REQUEST", "send either {\"label\": \"...\"} or {\"notABird\": true}, not both"),
                review("review with neither", "b1", "{}", 400, "INVALID_REQUEST",
                        "send {\"label\": \"Passer domesticus\"} with the species the photo shows, or {\"notABird\": true}"),
                review("review with notABird false", "b1", "{\"notABird\": false}", 400, "INVALID_REQUEST",
                        "send {\"label\": \"Passer domesticus\"}"),
                review("review label a number", "b1", "{\"label\": 5}", 400, "INVALID_REQUEST",
                        "body member \"label\" must be a string"),
                review("review notABird a string", "b1", "{\"notABird\": \"yes\"}", 400, "INVALID_REQUEST",
                        "body member \"notABird\" must be true or false"),
                review("review label blank", "b1", "{\"label\": \" \"}", 400, "INVALID_REQUEST",
                        "\"label\" must not be blank"),
                review("review label too long", "b1", "{\"label\": \"Turdus " + "m".repeat(100) + "\"}", 400,
                        "INVALID_REQUEST", "\"label\" is 107 characters, above the limit of 100"),
                review("review label of no known species", "b1", "{\"label\": \"Big Bird\"}", 400, "INVALID_REQUEST",
                        "label 'Big Bird' is neither a species of the catalog nor a scientific name like"
                                + " 'Passer domesticus'"),
                review("review of an unknown id", "nope", "{\"label\": \"Turdus merula\"}", 404,
                        "SIGHTING_NOT_FOUND", "no sighting has the id 'nope'; take ids from GET /v1/sightings"),
                get("sighting of an unknown id", "/v1/sightings/nope", 404, "SIGHTING_NOT_FOUND",
                        "no sighting has the id 'nope'; take ids from GET /v1/sightings"),
                new Case("sighting by DELETE", NOTHING, HttpMethod.DELETE, "/v1/sightings/b1", null, null, 405,
                        "METHOD_NOT_ALLOWED", "/v1/sightings/b1 does not take DELETE"),
                new Case("review as a form", NOTHING, HttpMethod.POST, "/v1/sightings/b1/review",
                        "application/x-www-form-urlencoded", Buffer.buffer("label=Turdus+merula"), 415,
                        "UNSUPPORTED_MEDIA_TYPE", "send a JSON object with Content-Type application/json"),
                review("review body above the limit", "b1", "{\"label\": \"" + "x".repeat(128 * 1024) + "\"}", 413,
                        "BODY_TOO_LARGE", "the request body is above the limit of 131072 bytes"),
                get("review by GET", "/v1/sightings/b1/review", 405, "METHOD_NOT_ALLOWED",
                        "/v1/sightings/b1/review does not take GET"),
                new Case("sightings by POST", NOTHING, HttpMethod.POST, "/v1/sightings", null, null, 405,
                        "METHOD_NOT_ALLOWED", "/v1/sightings does not take POST"),
                // 404 and 405: routes and images that do not exist
                get("unknown route", "/v1/nowhere", 404, "ROUTE_NOT_FOUND", "no route GET /v1/nowhere"),
                json("image not in storage", "/v1/identify", "{\"bucket\": \"feeder\", \"key\": \"birds/none.jpg\"}",
                        404, "IMAGE_NOT_FOUND", "no image at 'feeder/birds/none.jpg'"),
                get("wrong method", "/v1/classify", 405, "METHOD_NOT_ALLOWED", "/v1/classify does not take GET"),
                new Case("wrong method on health", NOTHING, HttpMethod.DELETE, "/health", null, null, 405,
                        "METHOD_NOT_ALLOWED", "/health does not take DELETE"),
                // 413: too large
                raw("body above the limit", "/v1/classify", "image/jpeg", ImageSamples.jpeg(128 * 1024 + 1), 413,
                        "BODY_TOO_LARGE", "the request body is above the limit of 131072 bytes"),
                raw("image above the service's limit", "/v1/classify?key=big.jpg", "image/jpeg",
                        ImageSamples.jpeg(64 * 1024 + 1), 413, "IMAGE_TOO_LARGE",
                        "image 'big.jpg' is 65537 bytes, above the limit of 65536 bytes"),
                // 415: the request's media type is not taken
                raw("text body", "/v1/classify", "text/plain", jpeg, 415, "UNSUPPORTED_MEDIA_TYPE", "got 'text/plain'"),
                raw("no content type", "/v1/classify", null, jpeg, 415, "UNSUPPORTED_MEDIA_TYPE",
                        "got no Content-Type"),
                new Case("multipart part declared as text", NOTHING, HttpMethod.POST, "/v1/classify", null,
                        form("image", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE",
                        "the multipart field 'image' must be image/jpeg"),
                new Case("identify with a form body", NOTHING, HttpMethod.POST, "/v1/identify",
                        "application/x-www-form-urlencoded", Buffer.buffer("key=a.jpg"), 415, "UNSUPPORTED_MEDIA_TYPE",
                        "send a JSON object with Content-Type application/json; got 'application/x-www-form-urlencoded'"),
                new Case("event without content type", NOTHING, HttpMethod.POST, "/v1/events/s3", null,
                        Buffer.buffer("{\"Records\": []}"), 415, "UNSUPPORTED_MEDIA_TYPE", "got no Content-Type"),
                // 422: the image cannot be identified
                raw("empty image", "/v1/classify?key=empty.jpg", "image/jpeg", new byte[0], 422, "IMAGE_EMPTY",
                        "image 'empty.jpg' is empty (0 bytes)"),
                raw("bytes that are not an image", "/v1/classify?key=note.jpg", "image/jpeg",
                        "hello, not a photo".getBytes(StandardCharsets.UTF_8), 422, "UNSUPPORTED_IMAGE",
                        "image 'note.jpg' is not a JPEG, PNG or BMP image (it starts with 68 65 6c 6c 6f 2c 20 6e)"),
                new Case("stored object that is not an image", api -> api.storage.put("feeder", "birds/card.jpg",
                        ImageSamples.jpeg(64), "text/html"), HttpMethod.POST, "/v1/identify", "application/json",
                        Buffer.buffer(STORED), 422, "UNSUPPORTED_IMAGE", "has content type 'text/html'"),
                new Case("model answers too few classes", api -> api.answer(image -> new double[] {0.5, 0.5}),
                        HttpMethod.POST, "/v1/classify", "image/jpeg", Buffer.buffer(jpeg), 422, "INVALID_MODEL_OUTPUT",
                        "model returned 2 probabilities but catalog 'workshop-4' has 4 classes"),
                // Every application error code, raised by a broken store, model or channel
                failing("storage says the request is invalid", storageFails(new InvalidRequestException("bad bucket")),
                        400, "INVALID_REQUEST", "bad bucket"),
                failing("storage finds nothing", storageFails(new ImageNotFoundException("gone")), 404,
                        "IMAGE_NOT_FOUND", "gone"),
                failing("storage finds an empty object", storageFails(new EmptyImageException("zero bytes")), 422,
                        "IMAGE_EMPTY", "zero bytes"),
                failing("storage refuses a large object", storageFails(new ImageTooLargeException("object", 9, 8)),
                        413, "IMAGE_TOO_LARGE", "object is 9 bytes, above the limit of 8 bytes"),
                failing("storage refuses a non-image", storageFails(new UnsupportedImageException("a PDF")), 422,
                        "UNSUPPORTED_IMAGE", "a PDF"),
                failing("storage throttled", storageFails(new StorageUnavailableException("slow down", true)), 503,
                        "STORAGE_UNAVAILABLE", true, "slow down"),
                failing("storage access denied", storageFails(new StorageUnavailableException("access denied", false)),
                        502, "STORAGE_UNAVAILABLE", false, "access denied"),
                failing("storage misconfigured", storageFails(new ConfigurationInvalidException(List.of("set BUCKET"))),
                        500, "CONFIGURATION_INVALID", false, "set BUCKET"),
                failing("model cannot decode the image", modelFails(new UnsupportedImageException("corrupt JPEG")), 422,
                        "UNSUPPORTED_IMAGE", false, "corrupt JPEG"),
                failing("model fails", modelFails(new InferenceFailedException("model crashed", false)), 502,
                        "INFERENCE_FAILED", false, "model crashed"),
                failing("model throttled", modelFails(new InferenceFailedException("endpoint throttled", true)), 502,
                        "INFERENCE_FAILED", true, "endpoint throttled"),
                failing("model times out", modelFails(new InferenceTimeoutException("no answer in 30 s")), 504,
                        "INFERENCE_TIMEOUT", true, "no answer in 30 s"),
                failing("model answers garbage", modelFails(new InvalidModelOutputException("not JSON")), 422,
                        "INVALID_MODEL_OUTPUT", false, "not JSON"),
                failing("notification fails", api -> api.notifier.failWith(
                        new NotificationFailedException("topic gone", false)), 502, "NOTIFICATION_FAILED", false,
                        "topic gone"),
                uploadFailing("model fails on an upload", modelFails(new InferenceFailedException("model crashed",
                        false)), 502, "INFERENCE_FAILED", false, "model crashed"),
                uploadFailing("model times out on an upload", modelFails(new InferenceTimeoutException("no answer")),
                        504, "INFERENCE_TIMEOUT", true, "no answer"),
                uploadFailing("model misconfigured on an upload", modelFails(new ConfigurationInvalidException(
                        List.of("set MODEL_PATH"))), 500, "CONFIGURATION_INVALID", false, "set MODEL_PATH"),
                uploadFailing("model unavailable as a store would be", modelFails(new StorageUnavailableException(
                        "weights volume offline", true)), 503, "STORAGE_UNAVAILABLE", true, "weights volume offline"),
                uploadFailing("notification fails on an upload", api -> api.notifier.failThrottled(), 502,
                        "NOTIFICATION_FAILED", true, "channel throttled the publish"));
    }

    private static Case failing(String name, Consumer<ApiFixture> setup, int status, String code, String detail) {
        return failing(name, setup, status, code, false, detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersAProblemWithTheErrorCode(Case c) throws Exception {
        c.setup().accept(api);
        HttpRequest<Buffer> request = api.client.request(c.method(), c.uri());
        if (c.contentType() != null) {
            request.putHeader("Content-Type", c.contentType());
        }
        Future<HttpResponse<Buffer>> sent;
        if (c.body() instanceof MultipartForm form) {
            sent = request.sendMultipartForm(form);
        } else if (c.body() instanceof Buffer buffer) {
            sent = request.sendBuffer(buffer);
        } else {
            sent = request.send();
        }
        HttpResponse<Buffer> response = ApiFixture.await(sent);
        String operation = c.method().name() + " " + (c.uri().contains("?") ? c.uri().substring(0, c.uri().indexOf('?'))
                : c.uri());
        OBSERVED.computeIfAbsent(operation, o -> new TreeSet<>()).add(response.statusCode());
        casesRun.incrementAndGet();

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(c.status());
        JsonObject problem = ApiFixture.problem(response);
        String path = c.uri().contains("?") ? c.uri().substring(0, c.uri().indexOf('?')) : c.uri();
        assertThat(problem.getString("type")).isEqualTo("about:blank");
        assertThat(problem.getString("title")).isEqualTo(HttpResponseStatus.valueOf(c.status()).reasonPhrase());
        assertThat(problem.getInteger("status")).isEqualTo(c.status());
        assertThat(problem.getString("code")).isEqualTo(c.code());
        assertThat(problem.getBoolean("retryable")).isEqualTo(c.retryable());
        assertThat(problem.getString("detail")).contains(c.detail());
        assertThat(problem.getString("instance")).isEqualTo(path);
        if (c.retryable()) {
            assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        } else {
            assertThat(response.getHeader("Retry-After")).isNull();
        }
    }

    /**
     * The converse of the per-response check: every error status the document lists for the
     * two identification endpoints is produced by a case of this table (401 by ApiKeyTest, 501 below).
     */
    @AfterAll
    static void everyDocumentedErrorStatusWasObserved() {
        if (casesRun.get() < badRequests().count()) {
            return; // a filtered run: only the whole table can speak for the document
        }
        for (String operation : List.of("POST /v1/classify", "POST /v1/identify")) {
            Set<Integer> documented = new TreeSet<>(OpenApiDocumentTest.operations().get(operation));
            documented.removeAll(Set.of(200, 401, 501));
            assertThat(OBSERVED.get(operation)).as(operation).containsAll(documented);
        }
    }

    @Test
    void aFailedNotificationStillHandsBackTheIdentification() throws Exception {
        api.notifier.failThrottled();

        HttpResponse<Buffer> response = ApiFixture.send(api.post("/v1/identify")
                .putHeader("Content-Type", "application/json"), Buffer.buffer(STORED));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(ApiFixture.problem(response)).isEqualTo(new JsonObject("""
                {"type": "about:blank", "title": "Bad Gateway", "status": 502, "code": "NOTIFICATION_FAILED",
                 "retryable": true,
                 "detail": "notifying about 'feeder/birds/card.jpg' failed on 1 of 1 channels: default (retryable, attempt 1 of 12): channel throttled the publish",
                 "instance": "/v1/identify",
                 "identification": {
                   "bucket": "feeder", "key": "birds/card.jpg", "catalog": "workshop-4",
                   "message": "Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
                   "confident": true, "birdRecognised": true,
                   "predictions": [
                     {"rank": 1, "classIndex": 1, "label": "Northern Cardinal", "scientificName": null, "bird": true, "probability": 0.94},
                     {"rank": 2, "classIndex": 2, "label": "American Goldfinch", "scientificName": null, "bird": true, "probability": 0.03}],
                   "version": "v1", "contentType": "image/jpeg", "contentLength": 2048, "modelId": "scripted-model",
                   "timings": {"fetch": 0.0, "inference": 0.0, "total": 0.0},
             "locator": "whole", "windows": 0, "region": null}}
                """));
    }

    @Test
    void refusesUrlsWhenUrlFetchingIsNotConfigured(Vertx vertx) throws Exception {
        try (ApiFixture withoutUrls = ApiFixture.start(vertx, ApiFixture.settings(), false)) {
            HttpResponse<Buffer> response = ApiFixture.send(withoutUrls.post("/v1/identify")
                    .putHeader("Content-Type", "application/json"), Buffer.buffer("{\"url\": \"https://example.org/a.jpg\"}"));

            assertThat(response.statusCode()).isEqualTo(501);
            JsonObject problem = ApiFixture.problem(response);
            assertThat(problem.getString("code")).isEqualTo("URL_FETCHING_NOT_CONFIGURED");
            assertThat(problem.getBoolean("retryable")).isFalse();
            assertThat(problem.getString("detail")).startsWith("this server does not fetch images by URL");
            assertThat(withoutUrls.model.seen()).isEmpty();
        }
    }

}
