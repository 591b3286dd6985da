package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.bootstrap.lambda.S3Events.Rec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The handler wired as in Lambda (real S3, SageMaker Runtime and SNS clients over HTTP) against
 * s3proxy and the loopback SageMaker and SNS, fed S3 event JSON read as the runtime reads it.
 */
class S3EventHandlerTest {

    static final String BUCKET = "feeder";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";
    static final String ENDPOINT = "bird-classifier";
    static final int CARDINAL = 1000;
    static final int UNSURE = 1001;

    private static S3ProxyServer s3;
    private static FakeSageMakerRuntime sageMaker;
    private static FakeSns sns;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private int publishedBefore;

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        sageMaker = new FakeSageMakerRuntime(Set.of(ENDPOINT), "[]");
        sageMaker.answerWith(S3EventHandlerTest::modelAnswer);
        sns = new FakeSns(Set.of(TOPIC));
        s3.put(BUCKET, "birds/card.jpg", ImageSamples.jpeg(CARDINAL), "image/jpeg");
        s3.put(BUCKET, "birds/x.jpg", ImageSamples.jpeg(UNSURE), "image/jpeg");
        s3.put(BUCKET, "birds/blue jay é.jpg", ImageSamples.jpeg(CARDINAL), "image/jpeg");
        s3.put(BUCKET, "birds/a+b.jpg", ImageSamples.jpeg(UNSURE), "image/jpeg");
    }

    /** The model: a confident cardinal or an unsure martin, told apart by the photo's size. */
    static String modelAnswer(FakeSageMakerRuntime.Invocation invocation) {
        return switch (invocation.body().length) {
            case CARDINAL -> "[0.02, 0.94, 0.03, 0.01]";
            case UNSURE -> "[0.55, 0.10, 0.05, 0.30]";
            default -> "[0.25, 0.25, 0.25, 0.25]";
        };
    }

    @AfterAll
    static void stop() {
        s3.close();
        sageMaker.close();
        sns.close();
    }

    @BeforeEach
    void reset() {
        sageMaker.heal();
        sns.heal();
        publishedBefore = sns.published().size();
    }

    static Map<String, String> env() {
        return env(s3, sageMaker, sns);
    }

    /** A function's environment pointing at these stand-ins (endpoint, topic, region, endpoint overrides); mutable. */
    static Map<String, String> env(S3ProxyServer s3, FakeSageMakerRuntime sageMaker, FakeSns sns) {
        Map<String, String> env = new HashMap<>();
        env.put("SAGEMAKER_ENDPOINT_NAME", ENDPOINT);
        env.put("SNS_TOPIC_ARN", TOPIC);
        env.put("AWS_REGION", S3ProxyServer.REGION);
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sageMaker.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        return env;
    }

    private S3EventHandler handler(Map<String, String> env) {
        LambdaConfiguration config = LambdaEnvironment.read(env);
        JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
        AwsClients clients = new AwsClients(config.aws().withMaxAttempts(2), S3ProxyServer.credentials());
        return new S3EventHandler(LambdaWiring.wire(config, clients, log), config::accepts, log);
    }

    private S3EventHandler handler() {
        return handler(env());
    }

    private List<String> messages() {
        List<String> all = sns.messages();
        return all.subList(publishedBefore, all.size());
    }

    private List<String> logLines() {
        return logged.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void identifiesEveryRecordAndFailsTheInvocationNamingTheOneThatFailed() {
        String event = S3Events.json(Rec.created(BUCKET, "birds/card.jpg"), Rec.created(BUCKET, "birds/gone.jpg"),
                Rec.created(BUCKET, "birds/x.jpg"));

        assertThatThrownBy(() -> S3Events.invoke(handler(), event, new TestContext("req-1")))
                .isInstanceOfSatisfying(RecordsFailedException.class,
                        e -> assertThat(e.failedKeys()).containsExactly("feeder/birds/gone.jpg"))
                .hasMessageStartingWith("1 of 3 records failed, 2 identified: feeder/birds/gone.jpg (IMAGE_NOT_FOUND: ");

        assertThat(messages()).containsExactly(
                "Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
                "Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("{\"level\":\"INFO\",\"requestId\":\"req-1\",\"event\":\"image.identified\"")
                .contains("\"key\":\"birds/card.jpg\""));
        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("{\"level\":\"WARN\",\"requestId\":\"req-1\",\"event\":\"record.failed\"")
                .contains("\"code\":\"IMAGE_NOT_FOUND\"", "\"retryable\":false", "\"advice\":\"the object is gone"));
    }

    @Test
    void doesNotNotifyAgainOnARetryOfTheSameEventInTheSameContainer() {
        S3EventHandler handler = handler();
        String event = S3Events.json(Rec.created(BUCKET, "birds/card.jpg"), Rec.created(BUCKET, "birds/late.jpg"));

        assertThatThrownBy(() -> S3Events.invoke(handler, event, new TestContext("req-1")))
                .isInstanceOf(RecordsFailedException.class);
        s3.put(BUCKET, "birds/late.jpg", ImageSamples.jpeg(UNSURE), "image/jpeg");
        Map<String, Object> summary = S3Events.invoke(handler, event, new TestContext("req-2"));

        assertThat(messages()).containsExactly(
                "Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
                "Bird [birds/late.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
        assertThat(summary).containsEntry("identified", 1).containsEntry("alreadyDone", 1);
        assertThat(logLines()).anySatisfy(line -> assertThat(line).contains("\"requestId\":\"req-2\"",
                "\"event\":\"record.skipped\"", "birds/card.jpg"));
    }

    @Test
    void identifiesANewUploadUnderTheSameKeyAgain() {
        S3EventHandler handler = handler();

        S3Events.invoke(handler, S3Events.json(new Rec("ObjectCreated:Put", BUCKET, "birds/card.jpg", "v1")),
                new TestContext("req-1"));
        // Another photo under the same key: other bytes, so another ETag.
        byte[] another = ImageSamples.jpeg(CARDINAL);
        another[CARDINAL / 2] ^= 1;
        s3.put(BUCKET, "birds/card.jpg", another, "image/jpeg");
        try {
            S3Events.invoke(handler, S3Events.json(new Rec("ObjectCreated:Put", BUCKET, "birds/card.jpg",
                    "v2")), new TestContext("req-2"));
        } finally {
            s3.put(BUCKET, "birds/card.jpg", ImageSamples.jpeg(CARDINAL), "image/jpeg");
        }

        assertThat(messages()).hasSize(2);
    }

    @Test
    void decodesKeysWithSpacesPlusSignsAndNonAsciiCharacters() {
        S3Events.invoke(handler(), S3Events.json(Rec.created(BUCKET, "birds/blue+jay+%C3%A9.jpg"),
                Rec.created(BUCKET, "birds/a%2Bb.jpg")), new TestContext("req-1"));

        assertThat(messages()).containsExactly(
                "Bird [birds/blue jay é.jpg] is a: Northern Cardinal(0.94)",
                "Bird [birds/a+b.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
    }

    @Test
    void ignoresTheTestEventS3SendsWhenTheTriggerIsConfigured() {
        Map<String, Object> summary = S3Events.invoke(handler(), S3Events.testEvent(), new TestContext("t"));

        assertThat(summary).containsEntry("records", 0);
        assertThat(messages()).isEmpty();
        assertThat(logLines()).anySatisfy(line -> assertThat(line).contains("\"event\":\"event.ignored\"", "TestEvent"));
    }

    @Test
    void ignoresOtherEventTypesAndKeysOutsideTheFilterWithALogLine() {
        int invocations = sageMaker.invocations().size();
        Map<String, Object> summary = S3Events.invoke(handler(), S3Events.json(
                new Rec("ObjectRemoved:Delete", BUCKET, "birds/card.jpg", "e"),
                Rec.created(BUCKET, "cats/card.jpg"), Rec.created(BUCKET, "birds/card.png")), new TestContext("r"));

        assertThat(summary).containsEntry("ignored", 3).containsEntry("identified", 0);
        assertThat(messages()).isEmpty();
        assertThat(sageMaker.invocations()).hasSize(invocations);
        assertThat(logLines()).filteredOn(line -> line.contains("\"event\":\"record.ignored\"")).hasSize(3);
    }

    @Test
    void identifiesEveryKeyWhenTheFilterIsSwitchedOff() {
        Map<String, String> env = env();
        env.put("S3_KEY_PREFIX", "");
        env.put("S3_KEY_SUFFIX", "");
        s3.put(BUCKET, "anywhere/card.png", ImageSamples.jpeg(CARDINAL), "image/png");

        S3Events.invoke(handler(env), S3Events.json(Rec.created(BUCKET, "anywhere/card.png")),
                new TestContext("r"));

        assertThat(messages()).containsExactly("Bird [anywhere/card.png] is a: Northern Cardinal(0.94)");
    }

    @Test
    void appendsALinkThatReallyFetchesThePhotoWhenAskedTo() throws Exception {
        Map<String, String> env = env();
        env.put("PRESIGN_URL_TTL", "900");

        S3Events.invoke(handler(env), S3Events.json(Rec.created(BUCKET, "birds/card.jpg")),
                new TestContext("req-link"));

        String[] lines = messages().get(0).split("\n");
        assertThat(lines[0]).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(lines[1]).startsWith(s3.endpoint() + "/feeder/birds/card.jpg?").contains("X-Amz-Expires=900");
        HttpURLConnection get = (HttpURLConnection) URI.create(lines[1]).toURL().openConnection();
        try (var in = get.getInputStream()) {
            assertThat(get.getResponseCode()).isEqualTo(200);
            assertThat(in.readAllBytes()).isEqualTo(ImageSamples.jpeg(CARDINAL));
        }
    }

    @Test
    void writesTheMessageToTheLogWhenToldTo() {
        Map<String, String> env = env();
        env.remove("SNS_TOPIC_ARN");
        env.put("NOTIFY", "log");

        S3Events.invoke(handler(env), S3Events.json(Rec.created(BUCKET, "birds/card.jpg")),
                new TestContext("req-log"));

        assertThat(messages()).isEmpty();
        // adapter-log's line, as the server writes it, with the invocation's level and request id in front.
        assertThat(logLines()).anySatisfy(line -> assertThat(line).startsWith("{\"level\":\"INFO\",\"requestId\":"
                + "\"req-log\",\"event\":\"msg\",\"key\":\"birds/card.jpg\",\"message\":\"Bird [birds/card.jpg] is a: "
                + "Northern Cardinal(0.94)\",\"species\":\"Northern Cardinal\",").contains("\"bucket\":\"feeder\",")
                .endsWith("}"));
    }

    /** Bad records and failing services: the code and retryable flag the invocation's failure names. */
    static Stream<Arguments> badRecords() {
        return Stream.of(
                Arguments.of("no key", S3Events.json(Rec.created(BUCKET, "")), null, null, "record 0 (INVALID_REQUEST: ",
                        "no object key"),
                Arguments.of("malformed escape", S3Events.json(Rec.created(BUCKET, "birds/%ZZ.jpg")), null, null,
                        "record 0 (INVALID_REQUEST: ", "malformed %-escape"),
                Arguments.of("no bucket", S3Events.json(Rec.created("", "birds/card.jpg")), null, null,
                        "record 0 (INVALID_REQUEST: ", "names no bucket"),
                Arguments.of("empty object", S3Events.json(Rec.created(BUCKET, "birds/empty.jpg")), null, null,
                        "feeder/birds/empty.jpg (IMAGE_EMPTY: ", "0 bytes"),
                Arguments.of("not an image", S3Events.json(Rec.created(BUCKET, "birds/note.jpg")), null, null,
                        "feeder/birds/note.jpg (UNSUPPORTED_IMAGE: ", "text/plain"),
                Arguments.of("model error", S3Events.json(Rec.created(BUCKET, "birds/card.jpg")),
                        Fault.error(424, "ModelError", "cannot identify image file"), null,
                        "feeder/birds/card.jpg (INFERENCE_FAILED: ", "cannot identify image file"),
                Arguments.of("model throttled", S3Events.json(Rec.created(BUCKET, "birds/card.jpg")),
                        Fault.error(400, "ThrottlingException", "Rate exceeded"), null,
                        "feeder/birds/card.jpg (INFERENCE_FAILED, retryable: ", "ThrottlingException"),
                Arguments.of("SNS throttled", S3Events.json(Rec.created(BUCKET, "birds/card.jpg")), null,
                        Fault.error(400, "Throttling", "Rate exceeded"),
                        "feeder/birds/card.jpg (NOTIFICATION_FAILED, retryable: ", TOPIC),
                Arguments.of("SNS failing", S3Events.json(Rec.created(BUCKET, "birds/card.jpg")), null,
                        Fault.error(403, "AuthorizationError", "not allowed"),
                        "feeder/birds/card.jpg (NOTIFICATION_FAILED: ", "AuthorizationError"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void failsTheInvocationNamingTheRecordItsCodeAndWhy(String name, String event, Fault modelFault, Fault snsFault,
                                                        String failure, String why) {
        s3.put(BUCKET, "birds/empty.jpg", new byte[0], "image/jpeg");
        s3.put(BUCKET, "birds/note.jpg", "a note".getBytes(StandardCharsets.UTF_8), "text/plain");
        if (modelFault != null) {
            sageMaker.failAlways(modelFault);
        }
        if (snsFault != null) {
            sns.failAlways(snsFault);
        }

        assertThatThrownBy(() -> S3Events.invoke(handler(), event, new TestContext("bad")))
                .isInstanceOf(RecordsFailedException.class)
                .hasMessageStartingWith("1 of 1 records failed, 0 identified: " + failure)
                .hasMessageContaining(why);
        assertThat(messages()).isEmpty();
    }

    @Test
    void retriesANotificationThatFailedOnTheNextInvocation() {
        S3EventHandler handler = handler();
        String event = S3Events.json(Rec.created(BUCKET, "birds/card.jpg"));
        sns.failAlways(Fault.error(400, "Throttling", "Rate exceeded"));

        assertThatThrownBy(() -> S3Events.invoke(handler, event, new TestContext("1")))
                .isInstanceOf(RecordsFailedException.class);
        sns.heal();
        S3Events.invoke(handler, event, new TestContext("2"));

        assertThat(messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }
}
