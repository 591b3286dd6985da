package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.s3.S3SightingRepositoryAdapter;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.bootstrap.lambda.S3Events.Rec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SNS fails twice, then takes the message, while SQS redelivers the photo's event to a new
 * container each time: the photo is identified once, recorded once (S3 bird log), and SNS gets one
 * message. The retries find the photo's outbox entry in S3 and only send what is still pending.
 */
class SnsOutageAcrossRedeliveriesTest {

    private static final String PHOTOS = "feeder";
    private static final String LOG = "bird-log";
    private static final String CLAIMS = "claims";

    private static S3ProxyServer s3;
    private static FakeSageMakerRuntime sageMaker;
    private static FakeSns sns;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        for (String bucket : List.of(PHOTOS, LOG, CLAIMS)) {
            s3.createBucket(bucket);
        }
        s3.put(PHOTOS, "birds/card.jpg", ImageSamples.jpeg(S3EventHandlerTest.CARDINAL), "image/jpeg");
        sageMaker = new FakeSageMakerRuntime(Set.of(S3EventHandlerTest.ENDPOINT), "[]");
        sageMaker.answerWith(S3EventHandlerTest::modelAnswer);
        sns = new FakeSns(Set.of(S3EventHandlerTest.TOPIC));
    }

    @AfterAll
    static void stop() {
        s3.close();
        sageMaker.close();
        sns.close();
    }

    private static LambdaConfiguration config() {
        Map<String, String> env = S3EventHandlerTest.env(s3, sageMaker, sns);
        env.put("SIGHTINGS_BUCKET", LOG);
        env.put("IDEMPOTENCY_BUCKET", CLAIMS);
        env.put("POLICY_MODE", "every");
        return LambdaEnvironment.read(env);
    }

    /** A new container: everything wired afresh, as after a cold start. */
    private SqsEventHandler container(LambdaConfiguration config, AwsClients clients) {
        return new SqsEventHandler(LambdaWiring.newObjects(config, clients, log), config::accepts, false, log);
    }

    @Test
    void snsFailingTwiceThenTakingItTellsOnceAndRecordsOnce() {
        LambdaConfiguration config = config();
        AwsClients clients = new AwsClients(config.aws().withMaxAttempts(1), S3ProxyServer.credentials());
        String event = S3Events.json(Rec.created(PHOTOS, "birds/card.jpg"));
        sns.failNext(Fault.error(500, "InternalError", "SNS is having a bad day"));
        sns.failNext(Fault.error(503, "ServiceUnavailable", "still down"));

        SQSBatchResponse first = container(config, clients).handleRequest(
                SqsAndEventBridgeHandlerTest.batch("m-1", event), new TestContext("first"));
        SQSBatchResponse second = container(config, clients).handleRequest(
                SqsAndEventBridgeHandlerTest.batch("m-1", event), new TestContext("redelivery-1"));
        SQSBatchResponse third = container(config, clients).handleRequest(
                SqsAndEventBridgeHandlerTest.batch("m-1", event), new TestContext("redelivery-2"));
        SQSBatchResponse duplicate = container(config, clients).handleRequest(
                SqsAndEventBridgeHandlerTest.batch("m-2", event), new TestContext("duplicate"));

        assertThat(SqsAndEventBridgeHandlerTest.failed(first)).containsExactly("m-1");
        assertThat(SqsAndEventBridgeHandlerTest.failed(second)).containsExactly("m-1");
        assertThat(SqsAndEventBridgeHandlerTest.failed(third)).isEmpty();
        assertThat(SqsAndEventBridgeHandlerTest.failed(duplicate)).isEmpty();
        assertThat(sns.messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(sageMaker.requestCount()).isEqualTo(1);
        assertThat(new S3SightingRepositoryAdapter(clients.s3(), config.sightings())
                .between(Instant.EPOCH, Instant.now().plusSeconds(3600))).hasSize(1);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"event\":\"image.already_identified\"");
    }
}
