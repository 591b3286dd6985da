package org.fieldmark.adapter.http.in.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldmark.adapter.http.in.serving.ServingFixture.json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.wire.json.JsonTree;
import org.fieldmark.wire.json.ModelOutputJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SageMaker container contract and SageMaker Runtime's InvokeEndpoint path, on a listening server. */
class SageMakerContractTest {

    private static ServingFixture server;

    @BeforeAll
    static void start() {
        server = new ServingFixture(SpeciesCatalog.WORKSHOP_4, null, 2, 8,
                image -> ServingFixture.answer(image.length()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Purple Martin, Northern Cardinal, American Goldfinch, Eastern Bluebird of the five-class answer, renormalised. */
    private static double[] workshop(int size) {
        double[] five = ServingFixture.answer(size);
        double sum = five[3] + five[1] + five[2] + five[0];
        return new double[] {five[3] / sum, five[1] / sum, five[2] / sum, five[0] / sum};
    }

    @Test
    void pingsReadyAndNotReady() {
        assertThat(server.get("/ping").statusCode()).isEqualTo(200);
        server.ready.set(false);
        try {
            assertThat(server.get("/ping").statusCode()).isEqualTo(503);
        } finally {
            server.ready.set(true);
        }
    }

    @Test
    void answersAnImageWithTheJsonArrayOfTheWorkshopCatalogsProbabilities() {
        for (String type : new String[] {"application/x-image", "image/jpeg", null}) {
            HttpResponse<String> response = server.post("/invocations", type, ImageSamples.jpeg(7000));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(ModelOutputJson.parse(response.body())).containsExactly(workshop(7000));
        }
    }

    @Test
    void answersSageMakerRuntimesPathForAnyEndpointNameAsTheServiceDoes() {
        HttpResponse<String> response = server.post("/endpoints/bird-classifier/invocations", "application/x-image",
                ImageSamples.png(2000), "Accept", "application/json");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-Amzn-Invoked-Production-Variant")).contains("AllTraffic");
        assertThat(ModelOutputJson.parse(response.body())).containsExactly(workshop(2000));
    }

    static Stream<Arguments> badInvocations() {
        byte[] text = "my birdie.txt, not a photo".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("undecodable bytes", "application/x-image", text, 415, "is not a JPEG, PNG or BMP image"),
                Arguments.of("a JSON body", "application/json", "{\"image\": 1}".getBytes(StandardCharsets.UTF_8),
                        415, "has content type 'application/json'"),
                Arguments.of("an empty body", "application/x-image", new byte[0], 400, "is empty"),
                Arguments.of("a form", "multipart/form-data; boundary=x", ImageSamples.jpeg(9000), 415,
                        "a form body (multipart/form-data; boundary=x) is not taken"),
                Arguments.of("an image above the limit", "image/jpeg", ImageSamples.jpeg(ServingFixture.MAX_IMAGE + 1),
                        413, "above the limit of 16384 bytes"),
                Arguments.of("a body above the limit", "image/jpeg", ImageSamples.jpeg((int) ServingFixture.MAX_BODY + 1),
                        413, "the request body is above the limit of 65536 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInvocations")
    void refusesBadInvocationsWithTheContainersStatus(String what, String type, byte[] body, int status,
                                                      String message) {
        HttpResponse<String> response = server.post("/invocations", type, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat((String) json(response).get("error")).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInvocations")
    void refusesBadInvocationsOnRuntimesPathAsSageMakerRuntimeDoes(String what, String type, byte[] body, int status,
                                                                   String message) {
        HttpResponse<String> response = server.post("/endpoints/bird-classifier/invocations", type, body);

        Map<String, Object> error = json(response);
        if (status == 413 && message.startsWith("the request body")) {
            // The service refuses the payload itself.
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ValidationError");
        } else {
            // The container refused: the service wraps its answer into a ModelError.
            assertThat(response.statusCode()).as(response.body()).isEqualTo(424);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ModelError");
            assertThat(error).containsEntry("OriginalStatusCode", status);
            assertThat((String) error.get("OriginalMessage")).contains(message);
        }
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        assertThat((String) error.get("message")).contains(message);
    }

    @Test
    void answersOtherPathsAndMethodsWith4xxNever500() {
        assertThat(server.get("/invocations").statusCode()).isEqualTo(405);
        assertThat(server.post("/endpoints/x/invoke", "image/jpeg", ImageSamples.jpeg(100)).statusCode())
                .isEqualTo(404);
        assertThat(JsonTree.read(server.get("/nothing-here").body())).isInstanceOf(Map.class);
        assertThat(List.of(server.get("/nothing-here").statusCode())).containsExactly(404);
    }
}
