package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldmark.adapter.http.in.web.ApiFixture.send;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fieldmark.adapter.http.testing.OpenApiContract;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(VertxExtension.class)
class WebApiEndpointsTest {

    private static final String CARDINAL_JSON = """
            {"bucket": "", "key": "birds/card.jpg", "catalog": "workshop-4",
             "message": "Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
             "confident": true, "birdRecognised": true,
             "predictions": [
               {"rank": 1, "classIndex": 1, "label": "Northern Cardinal", "scientificName": null, "bird": true, "probability": 0.94},
               {"rank": 2, "classIndex": 2, "label": "American Goldfinch", "scientificName": null, "bird": true, "probability": 0.03}],
             "version": null, "contentType": "image/jpeg", "contentLength": 2048, "modelId": "scripted-model",
             "timings": {"fetch": 0.0, "inference": 0.0, "total": 0.0},
             "locator": "whole", "windows": 0, "region": null}
            """;

    private ApiFixture api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiFixture.start(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void classifiesARawJpegBodyWithoutNotifyingByDefault() throws Exception {
        HttpResponse<Buffer> response = send(api.post("/v1/classify?key=birds/card.jpg")
                .putHeader("Content-Type", "image/jpeg"), Buffer.buffer(ImageSamples.jpeg(2048)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject(CARDINAL_JSON));
        assertThat(api.notifier.delivered()).isEmpty();
        assertThat(api.model.seen()).singleElement().satisfies(image -> {
            assertThat(image.bytes()).isEqualTo(ImageSamples.jpeg(2048));
            assertThat(image.contentType()).isEqualTo("image/jpeg");
        });
    }

    @Test
    void classifiesWithTopKThresholdAndNotifyFromTheQuery() throws Exception {
        api.answer(image -> ApiFixture.UNSURE.clone());

        HttpResponse<Buffer> response = send(api.post("/v1/classify?key=birds/x.png&top_k=3&threshold=0.5&notify=true")
                .putHeader("Content-Type", "image/png"), Buffer.buffer(ImageSamples.png(100)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject("""
                {"bucket": "", "key": "birds/x.png", "catalog": "workshop-4",
                 "message": "Bird [birds/x.png] is a: Purple Martin(0.55)",
                 "confident": true, "birdRecognised": true,
                 "predictions": [
                   {"rank": 1, "classIndex": 0, "label": "Purple Martin", "scientificName": null, "bird": true, "probability": 0.55},
                   {"rank": 2, "classIndex": 3, "label": "Eastern Bluebird", "scientificName": null, "bird": true, "probability": 0.3},
                   {"rank": 3, "classIndex": 1, "label": "Northern Cardinal", "scientificName": null, "bird": true, "probability": 0.1}],
                 "version": null, "contentType": "image/png", "contentLength": 100, "modelId": "scripted-model",
                 "timings": {"fetch": 0.0, "inference": 0.0, "total": 0.0},
             "locator": "whole", "windows": 0, "region": null}
                """));
        assertThat(api.notifier.messages()).containsExactly("Bird [birds/x.png] is a: Purple Martin(0.55)");
    }

    @Test
    void generatesAKeyWhenNoneIsGiven() throws Exception {
        HttpResponse<Buffer> response = send(api.post("/v1/classify").putHeader("Content-Type", "application/x-image"),
                Buffer.buffer(ImageSamples.bmp(64)));

        assertThat(response.statusCode()).isEqualTo(200);
        String key = response.bodyAsJsonObject().getString("key");
        assertThat(key).matches("upload-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(response.bodyAsJsonObject().getString("message"))
                .isEqualTo("Bird [" + key + "] is a: Northern Cardinal(0.94)");
    }

    @Test
    void classifiesAMultipartUpload(@TempDir Path dir) throws Exception {
        Path photo = dir.resolve("card.jpg");
        Files.write(photo, ImageSamples.jpeg(2048));
        MultipartForm form = MultipartForm.create().attribute("note", "ignored")
                .binaryFileUpload("image", "card.jpg", photo.toString(), "image/jpeg");

        HttpResponse<Buffer> response = ApiFixture.await(api.post("/v1/classify?key=birds/card.jpg&notify=true")
                .sendMultipartForm(form));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject(CARDINAL_JSON));
        assertThat(api.notifier.messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void identifiesAStoredImageAndNotifiesByDefault() throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");

        HttpResponse<Buffer> response = send(api.post("/v1/identify").putHeader("Content-Type", "application/json"),
                Buffer.buffer("{\"bucket\": \"feeder\", \"key\": \"birds/card.jpg\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject(CARDINAL_JSON)
                .put("bucket", "feeder").put("version", "v1"));
        assertThat(api.notifier.messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void identifiesAnImageByUrlThroughTheUrlStore() throws Exception {
        String url = "https://example.org/birds/card.jpg";
        api.urlStorage.put("", url, ImageSamples.jpeg(2048), "image/jpeg");

        HttpResponse<Buffer> response = send(api.post("/v1/identify?notify=false")
                        .putHeader("Content-Type", "application/json; charset=utf-8"),
                Buffer.buffer(new JsonObject().put("url", url).encode()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject(CARDINAL_JSON).put("key", url)
                .put("message", "Bird [" + url + "] is a: Northern Cardinal(0.94)").put("version", "v1"));
        assertThat(api.notifier.delivered()).isEmpty();
        assertThat(api.storage.fetches()).isZero();
    }

    @Test
    void identifiesEveryCreatedObjectOfAnS3EventAndReportsEachRecord() throws Exception {
        api.storage.put("feeder", "birds/blue jay(1).jpg", ImageSamples.jpeg(2048), "image/jpeg");
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        String event = """
                {"Records": [
                  {"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                   "s3": {"bucket": {"name": "feeder"}, "object": {"key": "birds/blue+jay%281%29.jpg", "size": 2048}}},
                  {"eventName": "ObjectRemoved:Delete",
                   "s3": {"bucket": {"name": "feeder"}, "object": {"key": "birds/old.jpg"}}},
                  {"eventName": "s3:ObjectCreated:Put",
                   "s3": {"bucket": {"name": "feeder"}, "object": {"key": "birds/missing.jpg"}}},
                  {"eventName": "ObjectCreated:Put",
                   "s3": {"bucket": {"name": "feeder"}, "object": {"key": "birds/bad%zz.jpg"}}},
                  {"eventName": "ObjectCreated:Copy",
                   "s3": {"bucket": {"name": "feeder"}, "object": {"key": "birds/card.jpg"}}}
                ]}
                """;

        HttpResponse<Buffer> response = send(api.post("/v1/events/s3").putHeader("Content-Type", "application/json"),
                Buffer.buffer(event));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getBoolean("testEvent")).isFalse();
        assertThat(body.getInteger("identified")).isEqualTo(2);
        assertThat(body.getInteger("failed")).isEqualTo(2);
        assertThat(body.getInteger("skipped")).isEqualTo(1);
        var records = body.getJsonArray("records");
        assertThat(records.size()).isEqualTo(5);
        assertThat(records.getJsonObject(0).getString("outcome")).isEqualTo("identified");
        assertThat(records.getJsonObject(0).getJsonObject("identification")).isEqualTo(new JsonObject(CARDINAL_JSON)
                .put("bucket", "feeder").put("key", "birds/blue jay(1).jpg").put("version", "v1")
                .put("message", "Bird [birds/blue jay(1).jpg] is a: Northern Cardinal(0.94)"));
        assertThat(records.getJsonObject(1)).isEqualTo(new JsonObject("""
                {"bucket": "feeder", "key": "birds/old.jpg", "eventName": "ObjectRemoved:Delete", "outcome": "skipped"}
                """));
        assertThat(records.getJsonObject(2)).isEqualTo(new JsonObject("""
                {"bucket": "feeder", "key": "birds/missing.jpg", "eventName": "s3:ObjectCreated:Put", "outcome": "failed",
                 "problem": {"type": "about:blank", "title": "Not Found", "status": 404, "code": "IMAGE_NOT_FOUND",
                             "retryable": false, "detail": "no image at 'feeder/birds/missing.jpg'",
                             "instance": "/v1/events/s3"}}
                """));
        assertThat(records.getJsonObject(3).getString("outcome")).isEqualTo("failed");
        assertThat(records.getJsonObject(3).getJsonObject("problem").getString("code")).isEqualTo("INVALID_REQUEST");
        assertThat(records.getJsonObject(3).getJsonObject("problem").getString("detail"))
                .contains("birds/bad%zz.jpg", "malformed %-escape");
        assertThat(records.getJsonObject(4).getJsonObject("identification").getString("key"))
                .isEqualTo("birds/card.jpg");
        assertThat(api.notifier.messages()).containsExactly(
                "Bird [birds/blue jay(1).jpg] is a: Northern Cardinal(0.94)",
                "Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void anS3RecordWhoseNotificationFailedKeepsItsIdentification() throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        api.notifier.failThrottled();

        HttpResponse<Buffer> response = send(api.post("/v1/events/s3").putHeader("Content-Type", "application/json"),
                Buffer.buffer("{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"feeder\"}, "
                        + "\"object\": {\"key\": \"birds/card.jpg\"}}}]}"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject record = response.bodyAsJsonObject().getJsonArray("records").getJsonObject(0);
        assertThat(record.getString("outcome")).isEqualTo("failed");
        JsonObject problem = record.getJsonObject("problem");
        assertThat(problem.getString("code")).isEqualTo("NOTIFICATION_FAILED");
        assertThat(problem.getInteger("status")).isEqualTo(502);
        assertThat(problem.getBoolean("retryable")).isTrue();
        assertThat(problem.getJsonObject("identification")).isEqualTo(new JsonObject(CARDINAL_JSON)
                .put("bucket", "feeder").put("version", "v1"));
        String metrics = send(api.get("/metrics")).bodyAsString();
        assertThat(Prometheus.samples(metrics).get("fieldmark_notification_failures_total")).isEqualTo("1.0");
    }

    /** An S3 (or MinIO) event with one record for {@code key}, as S3 sends it: with ETag and sequencer. */
    private static Buffer uploadEvent(String key, String eTag, String sequencer) {
        return Buffer.buffer("""
                {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put",
                  "s3": {"bucket": {"name": "feeder"},
                         "object": {"key": "%s", "size": 2048, "eTag": "%s", "sequencer": "%s"}}}]}
                """.formatted(key, eTag, sequencer));
    }

    private HttpResponse<Buffer> postEvent(Buffer event) throws Exception {
        return send(api.post("/v1/events/s3").putHeader("Content-Type", "application/json"), event);
    }

    @Test
    void anS3EventDeliveredTwiceIsIdentifiedAndNotifiedOnce() throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        Buffer event = uploadEvent("birds/card.jpg", "0123456789abcdef0123456789abcdef", "0055AED6DCD90281E5");

        JsonObject first = postEvent(event).bodyAsJsonObject();
        HttpResponse<Buffer> again = postEvent(event);

        assertThat(first.getInteger("identified")).isEqualTo(1);
        assertThat(first.getInteger("alreadyDone")).isZero();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject()).isEqualTo(new JsonObject("""
                {"testEvent": false, "identified": 0, "failed": 0, "skipped": 0, "alreadyDone": 1, "inFlight": 0,
                 "records": [{"bucket": "feeder", "key": "birds/card.jpg", "eventName": "ObjectCreated:Put",
                   "outcome": "alreadyDone",
                   "detail": "an earlier delivery of this upload was identified and notified; nothing done"}]}
                """));
        assertThat(api.notifier.messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(api.model.seen()).hasSize(1);
        assertThat(api.storage.fetches()).isEqualTo(1);
    }

    @Test
    void aDuplicateArrivingWhileTheFirstDeliveryIsIdentifiedDoesNothing() throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        CountDownLatch modelCalled = new CountDownLatch(1);
        CountDownLatch modelMayAnswer = new CountDownLatch(1);
        api.answer(image -> {
            modelCalled.countDown();
            try {
                assertThat(modelMayAnswer.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ApiFixture.CARDINAL.clone();
        });
        Buffer event = uploadEvent("birds/card.jpg", "0123456789abcdef0123456789abcdef", "0055AED6DCD90281E5");

        Future<HttpResponse<Buffer>> first = api.post("/v1/events/s3").putHeader("Content-Type", "application/json")
                .sendBuffer(event);
        assertThat(modelCalled.await(30, TimeUnit.SECONDS)).isTrue();
        JsonObject duplicate = postEvent(event).bodyAsJsonObject();
        modelMayAnswer.countDown();
        JsonObject firstBody = ApiFixture.await(first).bodyAsJsonObject();

        assertThat(duplicate.getInteger("inFlight")).isEqualTo(1);
        assertThat(duplicate.getInteger("identified")).isZero();
        assertThat(duplicate.getJsonArray("records").getJsonObject(0).getString("outcome")).isEqualTo("inFlight");
        assertThat(duplicate.getJsonArray("records").getJsonObject(0).getString("detail"))
                .isEqualTo("another delivery of this upload is being identified; nothing done");
        assertThat(firstBody.getInteger("identified")).isEqualTo(1);
        assertThat(api.notifier.messages()).hasSize(1);
        assertThat(api.model.seen()).hasSize(1);
    }

    @Test
    void aFailedNotificationGivesTheClaimUpSoTheRedeliveryNotifies() throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        Buffer event = uploadEvent("birds/card.jpg", "0123456789abcdef0123456789abcdef", "0055AED6DCD90281E5");
        api.notifier.failThrottled();

        JsonObject failed = postEvent(event).bodyAsJsonObject();
        api.notifier.heal();
        JsonObject redelivered = postEvent(event).bodyAsJsonObject();
        JsonObject third = postEvent(event).bodyAsJsonObject();

        assertThat(failed.getInteger("failed")).isEqualTo(1);
        assertThat(failed.getJsonArray("records").getJsonObject(0).getJsonObject("problem").getString("code"))
                .isEqualTo("NOTIFICATION_FAILED");
        assertThat(redelivered.getInteger("identified")).isEqualTo(1);
        assertThat(third.getInteger("alreadyDone")).isEqualTo(1);
        assertThat(api.notifier.messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }

    static Stream<Arguments> newUploadsOfTheSameKey() {
        return Stream.of(
                Arguments.of("another ETag", "fedcba9876543210fedcba9876543210", "0055AED6DCD90281E5"),
                Arguments.of("another sequencer", "0123456789abcdef0123456789abcdef", "0055AED6DCD90281F0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("newUploadsOfTheSameKey")
    void aNewUploadUnderTheSameKeyIsIdentifiedAndNotifiedAgain(String what, String eTag, String sequencer)
            throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");

        postEvent(uploadEvent("birds/card.jpg", "0123456789abcdef0123456789abcdef", "0055AED6DCD90281E5"));
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        JsonObject upload = postEvent(uploadEvent("birds/card.jpg", eTag, sequencer)).bodyAsJsonObject();

        assertThat(upload.getInteger("identified")).isEqualTo(1);
        assertThat(api.notifier.messages()).hasSize(2);
    }

    @Test
    void aVersionIdTellsUploadsApartInAVersionedBucket() throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        String record = """
                {"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "feeder"},
                  "object": {"key": "birds/card.jpg", "versionId": "%s", "eTag": "same-etag"}}}]}
                """;

        postEvent(Buffer.buffer(record.formatted("v-1")));
        JsonObject sameVersion = postEvent(Buffer.buffer(record.formatted("v-1"))).bodyAsJsonObject();
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        JsonObject newVersion = postEvent(Buffer.buffer(record.formatted("v-2"))).bodyAsJsonObject();

        assertThat(sameVersion.getInteger("alreadyDone")).isEqualTo(1);
        assertThat(newVersion.getInteger("identified")).isEqualTo(1);
        assertThat(api.notifier.messages()).hasSize(2);
    }

    @Test
    void aHandWrittenRecordWithoutETagOrSequencerIsAnsweredEveryTimeButTheSamePhotoIsToldOnce() throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        Buffer event = Buffer.buffer("{\"Records\": [{\"s3\": {\"bucket\": {\"name\": \"feeder\"}, "
                + "\"object\": {\"key\": \"birds/card.jpg\"}}}]}");

        postEvent(event);
        JsonObject again = postEvent(event).bodyAsJsonObject();
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        JsonObject replaced = postEvent(event).bodyAsJsonObject();

        // The record cannot tell uploads apart, the photo's version can: the same object is told once.
        assertThat(again.getInteger("identified")).isEqualTo(1);
        assertThat(replaced.getInteger("identified")).isEqualTo(1);
        assertThat(api.notifier.messages()).hasSize(2);
        assertThat(api.model.seen()).hasSize(2);
    }

    @Test
    void anEventIdentifiedWithoutNotifyingLeavesTheUploadToTheNotifyingDelivery() throws Exception {
        api.storage.put("feeder", "birds/card.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        Buffer event = uploadEvent("birds/card.jpg", "0123456789abcdef0123456789abcdef", "0055AED6DCD90281E5");

        JsonObject quiet = send(api.post("/v1/events/s3?notify=false").putHeader("Content-Type", "application/json"),
                event).bodyAsJsonObject();
        JsonObject notifying = postEvent(event).bodyAsJsonObject();
        JsonObject duplicate = postEvent(event).bodyAsJsonObject();

        assertThat(quiet.getInteger("identified")).isEqualTo(1);
        assertThat(notifying.getInteger("identified")).isEqualTo(1);
        assertThat(duplicate.getInteger("alreadyDone")).isEqualTo(1);
        assertThat(api.notifier.messages()).hasSize(1);
    }

    @Test
    void acknowledgesTheS3TestEventWithoutIdentifying() throws Exception {
        HttpResponse<Buffer> response = send(api.post("/v1/events/s3").putHeader("Content-Type", "application/json"),
                Buffer.buffer("""
                        {"Service": "Amazon S3", "Event": "s3:TestEvent", "Time": "2026-11-28T01:00:00.000Z",
                         "Bucket": "feeder", "RequestId": "5582815E1AEA5ADF", "HostId": "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3e"}
                        """));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject(
                "{\"testEvent\": true, \"identified\": 0, \"failed\": 0, \"skipped\": 0, \"alreadyDone\": 0, "
                        + "\"inFlight\": 0, \"records\": []}"));
        assertThat(api.storage.fetches()).isZero();
        assertThat(api.model.seen()).isEmpty();
    }

    @Test
    void listsRecentIdentificationsNewestFirst() throws Exception {
        for (String key : new String[] {"birds/1.jpg", "birds/2.jpg", "birds/3.jpg"}) {
            assertThat(send(api.post("/v1/classify?key=" + key).putHeader("Content-Type", "image/jpeg"),
                    Buffer.buffer(ImageSamples.jpeg(32))).statusCode()).isEqualTo(200);
        }

        HttpResponse<Buffer> two = send(api.get("/v1/identifications?limit=2"));
        HttpResponse<Buffer> all = send(api.get("/v1/identifications"));

        assertThat(two.statusCode()).isEqualTo(200);
        assertThat(two.bodyAsJsonObject().getJsonArray("identifications").stream()
                .map(o -> ((JsonObject) o).getString("key"))).containsExactly("birds/3.jpg", "birds/2.jpg");
        assertThat(all.bodyAsJsonObject().getJsonArray("identifications").getJsonObject(2)).isEqualTo(
                new JsonObject(CARDINAL_JSON).put("key", "birds/1.jpg").put("contentLength", 32)
                        .put("message", "Bird [birds/1.jpg] is a: Northern Cardinal(0.94)"));
    }

    @Test
    void answersHealthAndReadiness() throws Exception {
        HttpResponse<Buffer> health = send(api.get("/health"));
        HttpResponse<Buffer> ready = send(api.get("/ready"));
        api.ready.set(false);
        HttpResponse<Buffer> notReady = send(api.get("/ready"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "up"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "ready"));
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.getHeader("Retry-After")).isEqualTo("1");
        assertThat(ApiFixture.problem(notReady).getString("code")).isEqualTo("NOT_READY");
    }

    @Test
    void servesTheOpenApiDocument() throws Exception {
        HttpResponse<Buffer> response = send(api.get("/openapi.yaml"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/yaml");
        assertThat(response.bodyAsString()).isEqualTo(OpenApiContract.text());
    }

    @Test
    void metricsShowRequestsIdentificationsInferenceAndNotificationFailures() throws Exception {
        String before = send(api.get("/metrics")).bodyAsString();
        assertThat(before).doesNotContain("fieldmark_identifications_total{");

        send(api.post("/v1/classify?key=a.jpg").putHeader("Content-Type", "image/jpeg"),
                Buffer.buffer(ImageSamples.jpeg(32)));
        send(api.post("/v1/classify?key=b.jpg").putHeader("Content-Type", "image/jpeg"),
                Buffer.buffer(ImageSamples.jpeg(32)));
        api.notifier.failThrottled();
        send(api.post("/v1/classify?key=c.jpg&notify=true").putHeader("Content-Type", "image/jpeg"),
                Buffer.buffer(ImageSamples.jpeg(32)));
        send(api.get("/nowhere"));

        HttpResponse<Buffer> response = send(api.get("/metrics"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
        MultiMap samples = Prometheus.samples(response.bodyAsString());
        assertThat(samples.get("fieldmark_identifications_total{confident=\"true\",species=\"Northern Cardinal\"}"))
                .isEqualTo("2.0");
        assertThat(samples.get("fieldmark_inference_seconds_count")).isEqualTo("2");
        assertThat(samples.get("fieldmark_notification_failures_total")).isEqualTo("1.0");
        assertThat(samples.get(
                "fieldmark_http_requests_seconds_count{method=\"POST\",route=\"/v1/classify\",status=\"200\"}"))
                .isEqualTo("2");
        assertThat(samples.get(
                "fieldmark_http_requests_seconds_count{method=\"POST\",route=\"/v1/classify\",status=\"502\"}"))
                .isEqualTo("1");
        assertThat(samples.get(
                "fieldmark_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"))
                .isEqualTo("1");
    }
}
