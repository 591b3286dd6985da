package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.bootstrap.lambda.S3Events.Rec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code INFERENCE=embedded}: the handler wired from the environment with the bundled bird model
 * running in the function and no SageMaker endpoint anywhere, reading real photos from s3proxy
 * and publishing to the loopback SNS.
 */
class EmbeddedS3EventHandlerTest {

    static final String BUCKET = "feeder";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";

    private static S3ProxyServer s3;
    private static FakeSns sns;
    private static final ByteArrayOutputStream LOGGED = new ByteArrayOutputStream();
    private static LambdaConfiguration config;
    // One handler, as one Lambda container: the model is loaded once, at init.
    private static S3EventHandler handler;
    private int publishedBefore;

    static byte[] photo(String name) {
        try (InputStream in = EmbeddedS3EventHandlerTest.class.getResourceAsStream("/photos/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test photo " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        s3.put(BUCKET, "birds/owl.jpg", photo("owl.jpg"), "image/jpeg");
        s3.put(BUCKET, "birds/parrot.jpg", photo("parrot.jpg"), "image/jpeg");
        s3.put(BUCKET, "birds/macaw.jpg", photo("parrot.jpg"), "image/jpeg");
        s3.put(BUCKET, "birds/notes.jpg", "seen: 2 owls".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        sns = new FakeSns(Set.of(TOPIC));

        Map<String, String> env = new HashMap<>();
        env.put("INFERENCE", "embedded");
        env.put("SNS_TOPIC_ARN", TOPIC);
        env.put("AWS_REGION", S3ProxyServer.REGION);
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        config = LambdaEnvironment.read(env);
        JsonLog log = new JsonLog(new PrintStream(LOGGED, true, StandardCharsets.UTF_8));
        AwsClients clients = new AwsClients(config.aws().withMaxAttempts(2), S3ProxyServer.credentials());
        handler = new S3EventHandler(LambdaWiring.wire(config, clients, log), config::accepts, log);
    }

    @AfterAll
    static void stop() {
        s3.close();
        sns.close();
    }

    @BeforeEach
    void mark() {
        publishedBefore = sns.published().size();
    }

    private List<String> messages() {
        List<String> all = sns.messages();
        return all.subList(publishedBefore, all.size());
    }

    @Test
    void runsTheBundledModelWithoutAnySageMakerEndpoint() {
        assertThat(config.inference()).isEqualTo(LambdaConfiguration.Inference.EMBEDDED);
        assertThat(config.endpointName()).isNull();
        assertThat(config.catalog().name()).isEqualTo("inat-birds");
        assertThat(config.aws().effectiveSageMakerRuntimeEndpoint()).isNull();
    }

    @Test
    void identifiesBothPhotosOfAnEventWithTheEmbeddedModelAndPublishesTheOriginalsMessages() {
        String event = S3Events.json(Rec.created(BUCKET, "birds/owl.jpg"), Rec.created(BUCKET, "birds/parrot.jpg"));

        Map<String, Object> summary = S3Events.invoke(handler, event, new TestContext("req-e1"));

        assertThat(summary).containsEntry("records", 2).containsEntry("identified", 2);
        assertThat(messages()).containsExactly(
                "Bird [birds/owl.jpg] is a: Burrowing Owl(0.96)",
                "Bird [birds/parrot.jpg] is a: Scarlet Macaw(0.77)");
        assertThat(sns.published()).extracting(FakeSns.Publish::topicArn).containsOnly(TOPIC);
        assertThat(LOGGED.toString(StandardCharsets.UTF_8).lines()).anySatisfy(line -> assertThat(line)
                .contains("\"requestId\":\"req-e1\",\"event\":\"image.identified\"", "\"key\":\"birds/owl.jpg\"",
                        "Athene cunicularia"));
    }

    @Test
    void failsTheInvocationForAnObjectThatIsNotAPhotoAndStillIdentifiesTheOther() {
        String event = S3Events.json(Rec.created(BUCKET, "birds/notes.jpg"), Rec.created(BUCKET, "birds/macaw.jpg"));

        assertThatThrownBy(() -> S3Events.invoke(handler, event, new TestContext("req-e2")))
                .isInstanceOfSatisfying(RecordsFailedException.class,
                        e -> assertThat(e.failedKeys()).containsExactly("feeder/birds/notes.jpg"))
                .hasMessageContaining("feeder/birds/notes.jpg (UNSUPPORTED_IMAGE: ");

        assertThat(messages()).containsExactly("Bird [birds/macaw.jpg] is a: Scarlet Macaw(0.77)");
    }
}
