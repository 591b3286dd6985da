package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.http.testing.ValidatingWebClient;
import org.fieldmark.adapter.local.detect.TinyDetectors;
import org.fieldmark.domain.region.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code locator.mode=detector} wires the ONNX object detector: the server, started with a tiny
 * generated detector (ssd layout, no bird classes configured so COCO's bird of the layout), finds the
 * bird with it and names the bird in the detector's box with the embedded model.
 */
class ServerDetectorWiringTest {

    @TempDir
    static Path work;

    private static FieldmarkServer server;
    private static Vertx vertx;
    private static WebClient client;

    @BeforeAll
    static void start() {
        Path detector = TinyDetectors.writeSsd(work);
        server = FieldmarkServer.start(new ServerConfigLoader(Map.of(), path -> "")
                .load(new String[] {"--server.port=0", "--folder.watch=false", "--folder.path=" + work.resolve("birds"),
                        "--sightings.path=" + work.resolve("fieldmark.db"), "--locator.mode=detector",
                        "--locator.detector.model=" + detector}));
        vertx = Vertx.vertx();
        client = ValidatingWebClient.of(WebClient.create(vertx));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
            vertx.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void identifiesThePhotoAboutTheBirdTheDetectorFound() throws Exception {
        HttpResponse<Buffer> response = client.post(server.port(), "127.0.0.1", "/v1/classify?key=birds/patch.jpg")
                .putHeader("Content-Type", "image/jpeg").sendBuffer(Buffer.buffer(TinyDetectors.photoWithABird(640, 360)))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("locator")).isEqualTo("detector");
        assertThat(body.getInteger("windows")).isEqualTo(1);
        Region bird = TinyDetectors.bird(640, 360);
        assertThat(body.getJsonObject("region").getMap()).containsEntry("x", bird.x()).containsEntry("y", bird.y())
                .containsEntry("width", bird.width()).containsEntry("height", bird.height())
                .containsEntry("imageWidth", 640).containsEntry("imageHeight", 360)
                .containsEntry("wholeFrame", false);
    }
}
