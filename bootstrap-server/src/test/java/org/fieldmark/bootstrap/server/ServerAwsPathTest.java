package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.adapter.http.testing.ValidatingWebClient;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server wired to S3, SageMaker and SNS, as an AWS user who does not run Lambda
 * would: real SDK clients over HTTP to s3proxy and our loopback SageMaker Runtime and SNS servers.
 */
class ServerAwsPathTest {

    /** Keeps the server's bird log out of the working directory. */
    @TempDir
    static Path data;

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";

    private static S3ProxyServer s3;
    private static FakeSageMakerRuntime sageMaker;
    private static FakeSns sns;
    private static FieldmarkServer server;
    private static Vertx vertx;
    private static WebClient client;

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket("feeder");
        s3.put("feeder", "birds/card.jpg", ImageSamples.jpeg(4096), "image/jpeg");
        s3.put("feeder", "birds/blue jay.jpg", ImageSamples.jpeg(2048), "image/jpeg");
        s3.put("feeder", "birds/redelivered.jpg", ImageSamples.jpeg(4096), "image/jpeg");
        sageMaker = new FakeSageMakerRuntime(Set.of("nabirds-species-identifier"), "[0.02, 0.94, 0.03, 0.01]");
        sageMaker.answerWith(call -> call.body().length == 2048 ? "[0.55, 0.10, 0.05, 0.30]" : "[0.02, 0.94, 0.03, 0.01]");
        sns = new FakeSns(Set.of(TOPIC));
        // The SDK's default credential chain reads these system properties.
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        server = FieldmarkServer.start(new ServerConfigLoader(Map.of(
                "SAGEMAKER_ENDPOINT_NAME", "nabirds-species-identifier", "SNS_TOPIC_ARN", TOPIC,
                "AWS_REGION", S3ProxyServer.REGION,
                "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
                "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sageMaker.endpoint().toString(),
                "AWS_ENDPOINT_URL_SNS", sns.endpoint().toString()), path -> "")
                .load(new String[] {"--server.port=0", "--storage=s3", "--s3.bucket=feeder", "--inference=sagemaker",
                        "--notify=sns", "--sightings.path=" + data.resolve("fieldmark.db"),
                        "--policy.mode=off"})); // like the Lambda: every photo is texted
        vertx = Vertx.vertx();
        client = ValidatingWebClient.of(WebClient.create(vertx));
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (client != null) {
            client.close();
            vertx.close();
        }
        if (server != null) {
            server.close();
        }
        sns.close();
        sageMaker.close();
        s3.close();
    }

    private static HttpResponse<Buffer> post(String uri, JsonObject body) throws Exception {
        return client.post(server.port(), "127.0.0.1", uri).sendJsonObject(body)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void identifiesEveryRecordOfAnS3EventAndPublishesTheWorkshopMessages() throws Exception {
        JsonObject event = new JsonObject().put("Records", new JsonArray()
                .add(record("birds/card.jpg"))
                .add(record("birds/missing.jpg"))
                .add(record("birds/blue+jay.jpg")));
        int before = sns.messages().size();

        HttpResponse<Buffer> response = post("/v1/events/s3", event);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getInteger("identified")).isEqualTo(2);
        assertThat(body.getInteger("failed")).isEqualTo(1);
        assertThat(body.getJsonArray("records").getJsonObject(1).getJsonObject("problem").getString("code"))
                .isEqualTo("IMAGE_NOT_FOUND");
        assertThat(sns.messages().subList(before, sns.messages().size())).containsExactly(
                "Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
                "Bird [birds/blue jay.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
        assertThat(sageMaker.invocations()).allSatisfy(call -> {
            assertThat(call.endpointName()).isEqualTo("nabirds-species-identifier");
            assertThat(call.contentType()).isEqualTo("application/x-image");
        });
    }

    @Test
    void anS3EventDeliveredAgainIsNotIdentifiedOrPublishedAgain() throws Exception {
        JsonObject record = record("birds/redelivered.jpg");
        record.getJsonObject("s3").getJsonObject("object").put("eTag", "0123456789abcdef0123456789abcdef")
                .put("sequencer", "0055AED6DCD90281E5");
        JsonObject event = new JsonObject().put("Records", new JsonArray().add(record));
        int published = sns.messages().size();
        int invoked = sageMaker.invocations().size();

        JsonObject first = post("/v1/events/s3", event).bodyAsJsonObject();
        JsonObject again = post("/v1/events/s3", event).bodyAsJsonObject();

        assertThat(first.getInteger("identified")).isEqualTo(1);
        assertThat(again.getInteger("identified")).isZero();
        assertThat(again.getInteger("alreadyDone")).isEqualTo(1);
        assertThat(again.getJsonArray("records").getJsonObject(0).getString("outcome")).isEqualTo("alreadyDone");
        assertThat(sns.messages().subList(published, sns.messages().size()))
                .containsExactly("Bird [birds/redelivered.jpg] is a: Northern Cardinal(0.94)");
        assertThat(sageMaker.invocations()).hasSize(invoked + 1);
    }

    @Test
    void identifiesByBucketAndKeyAndRefusesOtherBuckets() throws Exception {
        HttpResponse<Buffer> ok = post("/v1/identify", new JsonObject().put("bucket", "feeder")
                .put("key", "birds/card.jpg"));
        HttpResponse<Buffer> other = post("/v1/identify", new JsonObject().put("bucket", "someone-elses")
                .put("key", "birds/card.jpg"));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.bodyAsJsonObject().getString("message"))
                .isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_REQUEST");
        assertThat(other.bodyAsJsonObject().getString("detail")).contains("someone-elses", "s3.bucket");
    }

    private static JsonObject record(String encodedKey) {
        return new JsonObject().put("eventSource", "aws:s3").put("eventName", "ObjectCreated:Put")
                .put("s3", new JsonObject().put("bucket", new JsonObject().put("name", "feeder"))
                        .put("object", new JsonObject().put("key", encodedKey)));
    }
}
