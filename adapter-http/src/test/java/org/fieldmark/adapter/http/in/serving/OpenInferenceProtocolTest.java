package org.fieldmark.adapter.http.in.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldmark.adapter.http.in.serving.ServingFixture.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.wire.json.JsonText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Open Inference Protocol v2 as KServe and Triton clients speak it, on a listening server. */
class OpenInferenceProtocolTest {

    private static final String INFER = "/v2/models/birds/infer";
    private static ServingFixture server;

    @BeforeAll
    static void start() {
        server = new ServingFixture();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An inference request with one BYTES input of these images, base64-encoded. */
    static Map<String, Object> request(byte[]... images) {
        List<String> data = new ArrayList<>();
        for (byte[] image : images) {
            data.add(Base64.getEncoder().encodeToString(image));
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "image");
        input.put("shape", List.of(images.length));
        input.put("datatype", "BYTES");
        input.put("parameters", Map.of("content_type", "base64"));
        input.put("data", data);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("inputs", List.of(input));
        return request;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(Map<String, Object> request) {
        return (Map<String, Object>) ((List<Object>) request.get("inputs")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> output(HttpResponse<String> response) {
        return (Map<String, Object>) ((List<Object>) json(response).get("outputs")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> data(HttpResponse<String> response) {
        return (List<Object>) output(response).get("data");
    }

    @Test
    void answersLivenessReadinessAndServerMetadata() {
        assertThat(server.get("/v2/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/v2/health/ready").statusCode()).isEqualTo(200);
        assertThat(server.get("/v2/models/birds/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> metadata = server.get("/v2");

        assertThat(metadata.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(metadata)).containsEntry("name", "fieldmark").containsEntry("extensions",
                List.of("classification"));
    }

    @Test
    void isNotReadyWhileTheModelIsNotButStaysLive() {
        server.ready.set(false);
        try {
            assertThat(server.get("/v2/health/ready").statusCode()).isEqualTo(503);
            assertThat(server.get("/v2/models/birds/ready").statusCode()).isEqualTo(503);
            assertThat(server.get("/v2/health/live").statusCode()).isEqualTo(200);
        } finally {
            server.ready.set(true);
        }
    }

    @Test
    void describesTheModelsBytesInputAndItsFp32OutputOfOneProbabilityPerClass() {
        Map<String, Object> metadata = json(server.get("/v2/models/birds"));

        assertThat(metadata).containsEntry("name", "birds").containsEntry("versions", List.of("1"))
                .containsEntry("platform", "fieldmark_five");
        assertThat(metadata.get("inputs")).isEqualTo(List.of(Map.of("name", "image", "datatype", "BYTES",
                "shape", List.of(-1))));
        assertThat(metadata.get("outputs")).isEqualTo(List.of(Map.of("name", "probabilities", "datatype", "FP32",
                "shape", List.of(-1, 5))));
    }

    @Test
    void infersOneImageIntoAnFp32RowOfTheCatalogsClasses() {
        HttpResponse<String> response = server.postJson(INFER, JsonText.of(request(ImageSamples.jpeg(8000))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).containsEntry("model_name", "birds").containsEntry("model_version", "1");
        assertThat(output(response)).containsEntry("name", "probabilities").containsEntry("datatype", "FP32")
                .containsEntry("shape", List.of(1, 5));
        assertThat(floats(data(response))).containsExactlyElementsOf(floats(ServingFixture.answer(8000)));
    }

    @Test
    void infersABatchRowByRowInTheRequestsOrderAndEchoesTheId() {
        Map<String, Object> request = request(ImageSamples.jpeg(3000), ImageSamples.png(9000),
                ImageSamples.bmp(500));
        request.put("id", "batch-7");
        input(request).put("shape", List.of(3, 1));

        HttpResponse<String> response = server.postJson(INFER, JsonText.of(request));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).containsEntry("id", "batch-7");
        assertThat(output(response)).containsEntry("shape", List.of(3, 5));
        List<Float> expected = new ArrayList<>();
        for (int size : new int[] {3000, 9000, 500}) {
            expected.addAll(floats(ServingFixture.answer(size)));
        }
        assertThat(floats(data(response))).containsExactlyElementsOf(expected);
    }

    @Test
    void answersTheTopClassesWithTheClassificationExtension() {
        Map<String, Object> request = request(ImageSamples.jpeg(8000), ImageSamples.jpeg(1000));
        request.put("outputs", List.of(Map.of("name", "probabilities", "parameters", Map.of("classification", 2))));

        HttpResponse<String> response = server.postJson(INFER, JsonText.of(request));

        assertThat(output(response)).containsEntry("datatype", "BYTES").containsEntry("shape", List.of(2, 2));
        assertThat(data(response)).containsExactly("0.800000:0:Eastern Bluebird", "0.100000:1:Northern Cardinal",
                "0.450000:1:Northern Cardinal", "0.225000:2:American Goldfinch");
    }

    @Test
    void answersInTheConfiguredCatalogsOrderRenormalised() {
        try (ServingFixture workshop = new ServingFixture(SpeciesCatalog.WORKSHOP_4, null, 1, 1,
                image -> ServingFixture.answer(image.length()))) {
            HttpResponse<String> metadata = workshop.get("/v2/models/birds");
            HttpResponse<String> response = workshop.postJson(INFER, JsonText.of(request(ImageSamples.jpeg(6000))));

            assertThat(json(metadata).get("outputs")).asString().contains("shape=[-1, 4]");
            assertThat(output(response)).containsEntry("shape", List.of(1, 4));
            // Purple Martin 0.05, Northern Cardinal 0.2, American Goldfinch 0.1, Eastern Bluebird 0.6; over 0.95.
            assertThat(floats(data(response))).containsExactly((float) (0.05 / 0.95), (float) (0.2 / 0.95),
                    (float) (0.1 / 0.95), (float) (0.6 / 0.95));
        }
    }

    static Stream<Arguments> badRequests() {
        Map<String, Object> wrongType = request(ImageSamples.jpeg(100));
        input(wrongType).put("datatype", "FP32");
        Map<String, Object> wrongShape = request(ImageSamples.jpeg(100), ImageSamples.jpeg(100));
        input(wrongShape).put("shape", List.of(3));
        Map<String, Object> wrongRank = request(ImageSamples.jpeg(100));
        input(wrongRank).put("shape", List.of(1, 224, 224, 3));
        Map<String, Object> wrongName = request(ImageSamples.jpeg(100));
        input(wrongName).put("name", "input_1");
        Map<String, Object> notBase64 = request(ImageSamples.jpeg(100));
        input(notBase64).put("data", List.of("this is not base64!"));
        Map<String, Object> numbers = request(ImageSamples.jpeg(100));
        input(numbers).put("data", List.of(1, 2, 3));
        input(numbers).put("shape", List.of(3));
        Map<String, Object> stringEncoded = request(ImageSamples.jpeg(100));
        input(stringEncoded).put("parameters", Map.of("content_type", "str"));
        Map<String, Object> twoInputs = request(ImageSamples.jpeg(100));
        twoInputs.put("inputs", List.of(input(twoInputs), input(twoInputs)));
        Map<String, Object> zeroClasses = request(ImageSamples.jpeg(100));
        zeroClasses.put("outputs", List.of(Map.of("name", "probabilities", "parameters", Map.of("classification", 0))));
        Map<String, Object> otherOutput = request(ImageSamples.jpeg(100));
        otherOutput.put("outputs", List.of(Map.of("name", "logits")));
        return Stream.of(
                Arguments.of("malformed JSON", "{\"inputs\": [", 400, "the request body is not JSON"),
                Arguments.of("not an object", "[1, 2]", 400, "must be a JSON object"),
                Arguments.of("no inputs", "{}", 400, "'inputs' must be an array of exactly one input"),
                Arguments.of("two inputs", JsonText.of(twoInputs), 400, "exactly one input"),
                Arguments.of("another input name", JsonText.of(wrongName), 400, "unexpected input 'input_1'"),
                Arguments.of("datatype FP32", JsonText.of(wrongType), 400, "has datatype 'FP32'; it must be BYTES"),
                Arguments.of("shape and data disagree", JsonText.of(wrongShape), 400,
                        "has shape [3] but 2 elements"),
                Arguments.of("an image tensor's shape", JsonText.of(wrongRank), 400, "it must be [N] or [N, 1]"),
                Arguments.of("elements that are not strings", JsonText.of(numbers), 400, "is not a string"),
                Arguments.of("not base64", JsonText.of(notBase64), 400, "element 0 of input 'image' is not base64"),
                Arguments.of("strings that are not base64-encoded", JsonText.of(stringEncoded), 400,
                        "only base64-encoded image files"),
                Arguments.of("undecodable bytes", JsonText.of(request("my birdie.txt, not a photo".getBytes())), 400,
                        "is not a JPEG, PNG or BMP image"),
                Arguments.of("an empty image", JsonText.of(request(new byte[0])), 400, "is empty"),
                Arguments.of("an image above the limit", JsonText.of(request(ImageSamples.jpeg(
                        ServingFixture.MAX_IMAGE + 1))), 413, "above the limit of 16384 bytes"),
                Arguments.of("too many images", JsonText.of(request(ImageSamples.jpeg(100), ImageSamples.jpeg(100),
                        ImageSamples.jpeg(100), ImageSamples.jpeg(100), ImageSamples.jpeg(100))), 400,
                        "holds 5 images, above the limit of 4"),
                Arguments.of("no image", JsonText.of(request()), 400, "holds no image"),
                Arguments.of("classification 0", JsonText.of(zeroClasses), 400, "'classification' must be a whole"),
                Arguments.of("another output", JsonText.of(otherOutput), 400, "one output named 'probabilities'"),
                Arguments.of("a body above the limit", JsonText.of(request(ImageSamples.jpeg(
                        (int) ServingFixture.MAX_BODY))), 413, "the request body is above the limit of 65536 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadRequestsWithTheProtocolsErrorDocument(String what, String body, int status, String message) {
        HttpResponse<String> response = server.postJson(INFER, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(response)).containsOnlyKeys("error");
        assertThat((String) json(response).get("error")).contains(message);
    }

    @Test
    void refusesAFormBodyWith415SayingToSendJson() {
        HttpResponse<String> response = server.post(INFER, "application/x-www-form-urlencoded",
                JsonText.of(request(ImageSamples.jpeg(9000))).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat((String) json(response).get("error")).contains("send the JSON request with Content-Type "
                + "application/json");
    }

    @Test
    void answersUnknownModelsPathsAndMethodsWithTheProtocolsErrorDocument() {
        HttpResponse<String> model = server.get("/v2/models/owls");
        HttpResponse<String> infer = server.postJson("/v2/models/owls/infer", JsonText.of(request(
                ImageSamples.jpeg(100))));
        HttpResponse<String> ready = server.get("/v2/models/owls/ready");
        HttpResponse<String> path = server.get("/v2/repository/index");
        HttpResponse<String> method = server.get(INFER);

        assertThat(List.of(model.statusCode(), infer.statusCode(), ready.statusCode(), path.statusCode(),
                method.statusCode())).containsExactly(404, 404, 404, 404, 405);
        assertThat((String) json(infer).get("error")).isEqualTo("unknown model 'owls'; this server serves 'birds'");
        assertThat(json(path)).containsOnlyKeys("error");
        assertThat(json(method)).containsOnlyKeys("error");
        assertThat(server.model.seen()).noneMatch(image -> image.length() == 100);
    }

    @Test
    void refusesWith503WhenEveryWorkerIsBusyAndTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (ServingFixture busy = new ServingFixture(ServingFixture.MODEL, null, 1, 0, image -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ServingFixture.answer(image.length());
        })) {
            String body = JsonText.of(request(ImageSamples.jpeg(100)));
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() ->
                    busy.postJson(INFER, body));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> second = busy.postJson(INFER, body);
            release.countDown();

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).contains("1");
            assertThat((String) json(second).get("error")).contains("all 1 model workers are busy");
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void needsTheApiKeyWhenOneIsSetExceptForTheHealthProbes() {
        try (ServingFixture keyed = new ServingFixture(ServingFixture.MODEL, "s3cret", 1, 1,
                image -> ServingFixture.answer(image.length()))) {
            String body = JsonText.of(request(ImageSamples.jpeg(100)));

            assertThat(keyed.postJson(INFER, body).statusCode()).isEqualTo(401);
            assertThat(keyed.postJson(INFER, body, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(keyed.get("/v2/models/birds").statusCode()).isEqualTo(401);
            assertThat(keyed.postJson(INFER, body, "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
            assertThat(keyed.get("/v2/health/ready").statusCode()).isEqualTo(200);
            assertThat(keyed.get("/v2/health/live").statusCode()).isEqualTo(200);
        }
    }

    static List<Float> floats(List<Object> values) {
        return values.stream().map(value -> ((Number) value).floatValue()).toList();
    }

    static List<Float> floats(double[] values) {
        List<Float> floats = new ArrayList<>();
        for (double value : values) {
            floats.add((float) value);
        }
        return floats;
    }
}
