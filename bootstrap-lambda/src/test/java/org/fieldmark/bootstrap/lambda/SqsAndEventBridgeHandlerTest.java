package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.wire.json.JsonText;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.service.IdentifyOnceService;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.bootstrap.lambda.S3Events.Rec;
import org.fieldmark.wire.json.JsonText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The SQS and EventBridge handlers wired as in Lambda against s3proxy and the loopback SageMaker and SNS. */
class SqsAndEventBridgeHandlerTest {

    static final String BUCKET = "feeder";

    private static S3ProxyServer s3;
    private static FakeSageMakerRuntime sageMaker;
    private static FakeSns sns;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
    private int publishedBefore;
    private NewObjectsUseCase useCase;
    private LambdaConfiguration config;

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        s3.put(BUCKET, "birds/card.jpg", ImageSamples.jpeg(S3EventHandlerTest.CARDINAL), "image/jpeg");
        s3.put(BUCKET, "birds/blue jay é.jpg", ImageSamples.jpeg(S3EventHandlerTest.CARDINAL), "image/jpeg");
        s3.put(BUCKET, "birds/x.jpg", ImageSamples.jpeg(S3EventHandlerTest.UNSURE), "image/jpeg");
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

    @BeforeEach
    void wire() {
        sns.heal();
        publishedBefore = sns.published().size();
        Map<String, String> env = S3EventHandlerTest.env(s3, sageMaker, sns);
        config = LambdaEnvironment.read(env);
        AwsClients clients = new AwsClients(config.aws().withMaxAttempts(1), S3ProxyServer.credentials());
        useCase = LambdaWiring.newObjects(LambdaWiring.wire(config, clients, log),
                new InMemoryIdempotency(Duration.ofMinutes(15)), log);
    }

    private SqsEventHandler sqs(boolean nonRetryableToDlq) {
        return new SqsEventHandler(useCase, config::accepts, nonRetryableToDlq, log);
    }

    private EventBridgeHandler eventBridge() {
        return new EventBridgeHandler(useCase, config::accepts, log);
    }

    private List<String> messages() {
        List<String> all = sns.messages();
        return all.subList(publishedBefore, all.size());
    }

    private String output() {
        return logged.toString(StandardCharsets.UTF_8);
    }

    /** An SQS batch as Lambda hands it over: messages (id, body) read from JSON as the runtime reads them. */
    static SQSEvent batch(String... idsAndBodies) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < idsAndBodies.length; i += 2) {
            json.append(i == 0 ? "" : ",").append("{\"messageId\":").append(JsonText.of(idsAndBodies[i]))
                    .append(",\"receiptHandle\":\"AQEB\",\"body\":").append(JsonText.of(idsAndBodies[i + 1]))
                    .append(",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"messageAttributes\":{},"
                            + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:123456789012:photos\","
                            + "\"awsRegion\":\"us-east-1\"}");
        }
        json.append("]}");
        return LambdaEventSerializers.serializerFor(SQSEvent.class, SqsAndEventBridgeHandlerTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** An EventBridge event from S3 as the Lambda runtime reads it: nested maps. */
    static Map<String, Object> objectCreated(String detailType, String key, String etag) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", key);
        object.put("size", 1000);
        object.put("etag", etag);
        object.put("sequencer", "0055AED6DCD90281E5");
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", "0");
        detail.put("bucket", Map.of("name", BUCKET));
        detail.put("object", object);
        detail.put("reason", "PutObject");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", "17793124-05d4-b198-2fde-7ededc63b103");
        event.put("detail-type", detailType);
        event.put("source", "aws.s3");
        event.put("detail", detail);
        return event;
    }

    @Test
    void identifiesBareAndSnsWrappedNotificationsOnceAndReportsNoFailure() {
        String card = S3Events.json(Rec.created(BUCKET, "birds/card.jpg"));
        SQSBatchResponse response = sqs(false).handleRequest(batch("a", card,
                "b", FaultInjectionTest.snsEnvelope(S3Events.json(Rec.created(BUCKET, "birds/blue+jay+%C3%A9.jpg"))),
                "c", card, "d", S3Events.testEvent()), new TestContext("sqs-1"));

        assertThat(failed(response)).isEmpty();
        assertThat(messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
                "Bird [birds/blue jay é.jpg] is a: Northern Cardinal(0.94)");
        assertThat(output()).contains("\"event\":\"record.skipped\"", "\"event\":\"batch.done\",\"messages\":4,\"identified\":2");
    }

    @Test
    void listsOnlyTheMessageThatMaySucceedLaterAndNotifiesItOnRedelivery() {
        sns.failNextWhere(r -> new String(r.body(), StandardCharsets.UTF_8).contains("x.jpg"),
                Fault.error(400, "Throttling", "Rate exceeded"));
        SqsEventHandler handler = sqs(false);
        SQSEvent first = batch("card", S3Events.json(Rec.created(BUCKET, "birds/card.jpg")),
                "x", S3Events.json(Rec.created(BUCKET, "birds/x.jpg")),
                "gone", S3Events.json(Rec.created(BUCKET, "birds/gone.jpg")));

        SQSBatchResponse response = handler.handleRequest(first, new TestContext("sqs-1"));
        SQSBatchResponse redelivered = handler.handleRequest(batch("x", S3Events.json(Rec.created(BUCKET, "birds/x.jpg"))),
                new TestContext("sqs-2"));

        assertThat(failed(response)).containsExactly("x");
        assertThat(failed(redelivered)).isEmpty();
        assertThat(messages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
                "Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
        assertThat(output()).contains("\"code\":\"IMAGE_NOT_FOUND\",\"retryable\":false");
    }

    @Test
    void sendsMessagesThatCanNeverSucceedToTheDeadLetterQueueWhenToldTo() {
        SQSBatchResponse response = sqs(true).handleRequest(batch("gone", S3Events.json(Rec.created(BUCKET, "birds/gone.jpg")),
                "junk", "not json", "card", S3Events.json(Rec.created(BUCKET, "birds/card.jpg"))), new TestContext("dlq"));

        assertThat(failed(response)).containsExactly("gone", "junk");
        assertThat(messages()).hasSize(1);
    }

    @Test
    void reportsADeliveryWhileAnotherHoldsTheClaimForRedelivery() {
        // Another container claimed every upload and is still at it.
        IdempotencyPort claims = new IdempotencyPort() {
            @Override
            public Claim claim(EventKey event) {
                return Claim.IN_FLIGHT;
            }

            @Override
            public void complete(EventKey event) {
            }

            @Override
            public void release(EventKey event) {
            }
        };
        AwsClients clients = new AwsClients(config.aws().withMaxAttempts(1), S3ProxyServer.credentials());
        SqsEventHandler handler = new SqsEventHandler(LambdaWiring.newObjects(LambdaWiring.wire(config, clients, log),
                claims, log), config::accepts, false, log);

        SQSBatchResponse response = handler.handleRequest(batch("card", S3Events.json(Rec.created(BUCKET, "birds/card.jpg"))),
                new TestContext("in-flight"));

        assertThat(failed(response)).containsExactly("card");
        assertThat(messages()).isEmpty();
        assertThat(output()).contains("another delivery of this upload is being identified");
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("not JSON", "a photo of a bird", "is not JSON"),
                Arguments.of("empty", "", "has an empty body"),
                Arguments.of("a JSON array", "[1, 2]", "is JSON but not an object"),
                Arguments.of("no Records", "{\"Records\": 3}", "has no Records array"),
                Arguments.of("SNS envelope without a Message", "{\"Type\":\"Notification\",\"Message\":7}",
                        "an SNS notification without a Message text"),
                Arguments.of("SNS envelope around text", FaultInjectionTest.snsEnvelope("hello"),
                        "(the SNS notification's Message) is not JSON"),
                Arguments.of("record that is not an object", "{\"Records\":[\"x\"]}", "record 0 is not a JSON object"),
                Arguments.of("record without a bucket", "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":"
                        + "{\"object\":{\"key\":\"birds/card.jpg\"}}}]}", "record 0 names no bucket"),
                Arguments.of("record without an object", "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":"
                        + "{\"bucket\":{\"name\":\"feeder\"}}}]}", "record 0 names no object"),
                Arguments.of("malformed key escape", S3Events.json(Rec.created(BUCKET, "birds/%ZZ.jpg")), "malformed %-escape"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void logsABodyThatIsNoS3EventWithTheReasonAndDoesNotAskForItAgain(String name, String body, String why) {
        SQSBatchResponse response = sqs(false).handleRequest(batch("m-1", body), new TestContext("bad"));

        assertThat(failed(response)).isEmpty();
        assertThat(output().lines().filter(line -> line.startsWith("{\"level\":\"WARN\"")
                && line.contains("\"code\":\"INVALID_REQUEST\",\"retryable\":false") && line.contains(why)))
                .as(output()).hasSize(1);
        assertThat(messages()).isEmpty();
    }

    @Test
    void theEventBridgeHandlerIdentifiesTheObjectOfAnObjectCreatedEventOnce() {
        EventBridgeHandler handler = eventBridge();
        Map<String, Object> event = objectCreated("Object Created", "birds/blue+jay+%C3%A9.jpg", "e1");

        Map<String, Object> first = handler.handleRequest(event, new TestContext("eb-1"));
        Map<String, Object> again = handler.handleRequest(event, new TestContext("eb-2"));

        assertThat(first).containsEntry("identified", 1);
        assertThat(again).containsEntry("identified", 0).containsEntry("alreadyDone", 1);
        assertThat(messages()).containsExactly("Bird [birds/blue jay é.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void theEventBridgeHandlerIgnoresOtherEventsAndFailsOnesItCannotRead() {
        Map<String, Object> deleted = eventBridge().handleRequest(objectCreated("Object Deleted", "birds/card.jpg", "e1"),
                new TestContext("eb-3"));
        Map<String, Object> noDetail = new HashMap<>(objectCreated("Object Created", "birds/card.jpg", "e1"));
        noDetail.remove("detail");

        assertThat(deleted).containsEntry("ignored", 1);
        assertThatThrownBy(() -> eventBridge().handleRequest(noDetail, new TestContext("eb-4")))
                .isInstanceOf(RecordsFailedException.class)
                .hasMessageContaining("INVALID_REQUEST: event 17793124-05d4-b198-2fde-7ededc63b103 has no detail object");
        assertThatThrownBy(() -> eventBridge().handleRequest(objectCreated("Object Created", "birds/gone.jpg", "e9"),
                new TestContext("eb-5")))
                .isInstanceOfSatisfying(RecordsFailedException.class,
                        e -> assertThat(e.failedKeys()).containsExactly("feeder/birds/gone.jpg"));
        assertThat(messages()).isEmpty();
    }
}
