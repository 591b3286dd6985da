package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.s3.S3IdempotencyAdapter;
import org.fieldmark.adapter.aws.s3.S3IdempotencySettings;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.FaultyS3;
import org.fieldmark.adapter.aws.testing.LoopbackServer;
import org.fieldmark.adapter.aws.testing.LoopbackServer.Request;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.wire.json.JsonText;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.bootstrap.lambda.S3Events.Rec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQS handler at scale, wired as in Lambda (real SDK clients, S3 claims) against s3proxy
 * behind an S3 that fails on command, and the loopback SageMaker and SNS. Every upload event is
 * delivered twice, all shuffled, in batches of ten; failed messages come back at the end of the
 * queue as SQS would redeliver them. On the way: S3 500 / SlowDown / timeouts on photos and
 * claims, SageMaker throttling / 500 / timeouts, SNS throttling / 500 / timeouts, photos the
 * model fails on or answers garbage for, missing objects, non-images, malformed bodies, and
 * crashes between notify and complete (the next batch meets a fresh handler: a new container).
 *
 * <p>A model of the queue computes what each batch response must list from what was injected,
 * independently of the handler; the two must agree for every batch. The SDK makes one attempt
 * per call here, so each injected fault fails exactly one request, and the queue does the retrying.
 */
class FaultInjectionTest {

    static final String BUCKET = "feeder";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";
    static final String ENDPOINT = "bird-classifier";
    static final int PHOTOS = 500;
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(15);
    static final Duration CLIENT_TIMEOUT = Duration.ofMillis(500);
    static final Duration PAST_CLIENT_TIMEOUT = Duration.ofMillis(800);

    /** What a photo is, which decides what the model answers and whether it can be identified. */
    enum Kind {
        CONFIDENT(null), UNSURE(null), MISSING("IMAGE_NOT_FOUND"), NOT_AN_IMAGE("UNSUPPORTED_IMAGE"),
        MODEL_FAILS("INFERENCE_FAILED"), GARBAGE_OUTPUT("INVALID_MODEL_OUTPUT");

        final String code;

        Kind(String code) {
            this.code = code;
        }

        boolean identifiable() {
            return code == null;
        }
    }

    /** A transient fault of one call of one photo's delivery. */
    enum Injected { S3_500, S3_SLOWDOWN, S3_TIMEOUT, MODEL_THROTTLED, MODEL_500, MODEL_TIMEOUT, SNS_THROTTLED, SNS_500,
        SNS_TIMEOUT }

    private static S3ProxyServer store;
    private static FaultyS3 s3;
    private static FakeSageMakerRuntime sageMaker;
    private static FakeSns sns;

    @BeforeAll
    static void start() {
        store = new S3ProxyServer();
        store.createBucket(BUCKET);
        s3 = new FaultyS3(store.endpoint());
        sageMaker = new FakeSageMakerRuntime(Set.of(ENDPOINT), "[]");
        sns = new FakeSns(Set.of(TOPIC));
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
        sageMaker.close();
        sns.close();
    }

    static Kind kind(int photo) {
        return switch (photo % 20) {
            case 12, 13, 14 -> Kind.UNSURE;
            case 15 -> Kind.MISSING;
            case 16 -> Kind.NOT_AN_IMAGE;
            case 17 -> Kind.MODEL_FAILS;
            case 18 -> Kind.GARBAGE_OUTPUT;
            default -> Kind.CONFIDENT;
        };
    }

    /** Some keys have spaces and non-ASCII letters, which the event encodes. */
    static String key(int photo) {
        return photo % 7 == 0 ? String.format("birds/blue jay é %04d.jpg", photo) : String.format("birds/p%04d.jpg", photo);
    }

    static String encodedKey(int photo) {
        return key(photo).replace(" ", "+").replace("é", "%C3%A9");
    }

    static int size(int photo) {
        return 2000 + photo;
    }

    static String modelAnswer(FakeSageMakerRuntime.Invocation invocation) {
        int photo = invocation.body().length - 2000;
        return switch (kind(photo)) {
            case UNSURE -> "[0.55, 0.10, 0.05, 0.30]";
            case GARBAGE_OUTPUT -> "[0.5, 0.5]";
            default -> "[0.02, 0.94, 0.03, 0.01]";
        };
    }

    /** A message on the queue: its id, body, and the photo it is about (-1 for none). */
    record Message(String id, String body, int photo) {
    }

    /** The claim store of one container; completing a crash photo's claim kills the container instead. */
    record Crashing(IdempotencyPort inner, Set<String> crashKeys) implements IdempotencyPort {
        @Override
        public Claim claim(EventKey event) {
            return inner.claim(event);
        }

        @Override
        public void complete(EventKey event) {
            if (crashKeys.remove(event.key())) {
                throw new ContainerCrash(event.key());
            }
            inner.complete(event);
        }

        @Override
        public void release(EventKey event) {
            inner.release(event);
        }
    }

    static final class ContainerCrash extends Error {
        private static final long serialVersionUID = 1L;

        ContainerCrash(String key) {
            super("the container died after notifying about " + key + ", before marking it done");
        }
    }

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
    private final MutableClock clock = new MutableClock();
    private final Set<String> crashKeys = Collections.synchronizedSet(new HashSet<>());

    /** A fresh container: new SDK clients, its own handler, the same S3 store. */
    private SqsEventHandler container() {
        Map<String, String> env = new HashMap<>();
        env.put("SAGEMAKER_ENDPOINT_NAME", ENDPOINT);
        env.put("SNS_TOPIC_ARN", TOPIC);
        env.put("AWS_REGION", S3ProxyServer.REGION);
        env.put("IDEMPOTENCY_BUCKET", BUCKET);
        LambdaConfiguration config = LambdaEnvironment.read(env);
        AwsClients clients = new AwsClients(new AwsClientSettings(S3ProxyServer.REGION, null, s3.endpoint(),
                sageMaker.endpoint(), sns.endpoint(), 1, CLIENT_TIMEOUT, CLIENT_TIMEOUT), S3ProxyServer.credentials());
        IdempotencyPort claims = new Crashing(new S3IdempotencyAdapter(clients.s3(), new S3IdempotencySettings(BUCKET,
                config.delivery().idempotencyPrefix(), CLAIM_TIMEOUT), clock), crashKeys);
        return new SqsEventHandler(LambdaWiring.newObjects(LambdaWiring.wire(config, clients, log), claims, log),
                config::accepts, false, log);
    }

    static String s3Event(int photo) {
        return S3Events.json(new Rec("ObjectCreated:Put", BUCKET, encodedKey(photo), "etag-" + photo));
    }

    /** How SNS wraps a message it delivers to an SQS subscription (raw delivery off). */
    static String snsEnvelope(String message) {
        return "{\"Type\":\"Notification\",\"MessageId\":\"0c5e8b7a\",\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:"
                + "uploads\",\"Subject\":\"Amazon S3 Notification\",\"Message\":" + JsonText.of(message)
                + ",\"Timestamp\":\"2026-11-28T01:00:00.000Z\",\"SignatureVersion\":\"1\"}";
    }

    @Test
    void notifiesEveryIdentifiablePhotoExactlyOnceThroughDuplicatesShufflingFaultsAndCrashes() {
        Random random = new Random(20261128);
        Map<Integer, Kind> photos = new LinkedHashMap<>();
        for (int photo = 0; photo < PHOTOS; photo++) {
            photos.put(photo, kind(photo));
            switch (kind(photo)) {
                case MISSING -> {
                }
                case NOT_AN_IMAGE -> store.put(BUCKET, key(photo), ("field notes " + photo).getBytes(StandardCharsets.UTF_8),
                        "text/plain");
                default -> store.put(BUCKET, key(photo), ImageSamples.jpeg(size(photo)), "image/jpeg");
            }
            if (kind(photo) == Kind.MODEL_FAILS) {
                int length = size(photo);
                sageMaker.failAlwaysWhere(r -> r.body().length == length,
                        Fault.error(424, "ModelError", "cannot identify image file"));
            }
        }
        sageMaker.answerWith(FaultInjectionTest::modelAnswer);
        List<Integer> identifiable = photos.keySet().stream().filter(p -> photos.get(p).identifiable()).toList();
        List<Integer> crashing = List.of(identifiable.get(3), identifiable.get(90), identifiable.get(180),
                identifiable.get(270), identifiable.get(360));
        crashing.forEach(p -> crashKeys.add(key(p)));

        List<Message> messages = new ArrayList<>();
        for (int photo : photos.keySet()) {
            for (int copy = 0; copy < 2; copy++) {
                String body = (photo + copy) % 3 == 0 ? snsEnvelope(s3Event(photo)) : s3Event(photo);
                messages.add(new Message("m" + photo + "-" + copy, body, photo));
            }
        }
        List<String> malformed = List.of("not json at all", "{\"foo\": 1}", "[]", "", snsEnvelope("<xml/>"),
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"object\":{\"key\":\"birds/x.jpg\"}}}]}",
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"feeder\"},"
                        + "\"object\":{\"key\":\"birds/%ZZ.jpg\"}}}]}");
        for (int i = 0; i < malformed.size(); i++) {
            messages.add(new Message("bad-" + i, malformed.get(i), -1));
        }
        messages.add(new Message("test-0", S3Events.testEvent(), -2));
        messages.add(new Message("test-1", snsEnvelope(S3Events.testEvent()), -2));
        for (int i = 0; i < 3; i++) {
            messages.add(new Message("cat-" + i, S3Events.json(Rec.created(BUCKET, "cats/c" + i + ".jpg")), -2));
        }
        Collections.shuffle(messages, random);
        int events = messages.size();

        // The model's state: photos notified, photos whose claim a crashed container left in flight.
        Set<Integer> done = new HashSet<>();
        Set<Integer> stuck = new HashSet<>();
        Map<Injected, Integer> injected = new LinkedHashMap<>();
        Deque<Message> queue = new ArrayDeque<>(messages);
        SqsEventHandler handler = container();
        int batches = 0;
        int deliveries = 0;
        int reported = 0;
        int crashes = 0;
        int claimFaults = 0;
        int quietRounds = 0;
        while (!queue.isEmpty() && quietRounds < 3) {
            List<Message> batch = new ArrayList<>();
            while (batch.size() < 10 && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            batches++;
            deliveries += batch.size();
            boolean crashAhead = batch.stream().anyMatch(m -> m.photo() >= 0 && crashKeys.contains(key(m.photo()))
                    && !done.contains(m.photo()));
            // Which delivery meets which fault; the model decides what each message's verdict must be.
            Map<Integer, Injected> faults = new HashMap<>();
            boolean claimFault = !crashAhead && batches % 9 == 0;
            if (claimFault) {
                claimFaults++;
                s3.failNextWhere(r -> r.method().equals("PUT") && r.rawPath().contains("/fieldmark-idempotency/"),
                        Fault.error(503, "SlowDown", "Please reduce your request rate."));
            }
            Set<String> expected = new LinkedHashSet<>();
            Set<Integer> seen = new HashSet<>();
            boolean claimFaultMet = false;
            for (Message message : batch) {
                int photo = message.photo();
                if (photo < 0) {
                    continue;
                }
                if (claimFault && !claimFaultMet) {
                    claimFaultMet = true;
                    expected.add(message.id());
                    continue;
                }
                if (stuck.contains(photo)) {
                    expected.add(message.id());
                    continue;
                }
                if (done.contains(photo) || !photos.get(photo).identifiable()) {
                    continue;
                }
                if (!crashAhead && seen.add(photo) && random.nextInt(100) < 12) {
                    Injected fault = pick(random, injected);
                    inject(fault, photo);
                    faults.put(photo, fault);
                    injected.merge(fault, 1, Integer::sum);
                    expected.add(message.id());
                    continue;
                }
                done.add(photo);
                if (crashKeys.contains(key(photo))) {
                    stuck.add(photo);
                    break;
                }
            }

            SQSEvent event = new SQSEvent();
            event.setRecords(batch.stream().map(FaultInjectionTest::sqsMessage).toList());
            SQSBatchResponse response;
            try {
                response = handler.handleRequest(event, new TestContext("batch-" + batches));
            } catch (ContainerCrash crash) {
                crashes++;
                queue.addAll(batch);
                handler = container();
                assertThat(pending()).isZero();
                continue;
            }
            Set<String> failed = new LinkedHashSet<>();
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            assertThat(failed).as("batch %d: the messages reported for redelivery", batches)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(pending()).as("batch %d: every injected fault was met", batches).isZero();
            reported += failed.size();
            batch.stream().filter(m -> failed.contains(m.id())).forEach(queue::add);
            boolean onlyStuck = queue.stream().allMatch(m -> stuck.contains(m.photo()));
            quietRounds = onlyStuck ? quietRounds + 1 : 0;
        }

        List<String> published = sns.messages();
        long distinctIdentifiable = identifiable.size();
        Map<String, Integer> perPhoto = new HashMap<>();
        published.forEach(m -> perPhoto.merge(m.substring(m.indexOf('[') + 1, m.indexOf(']')), 1, Integer::sum));
        long duplicates = perPhoto.values().stream().mapToInt(n -> n - 1).sum();
        String output = logged.toString(StandardCharsets.UTF_8);
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (int photo : photos.keySet()) {
            Kind kind = photos.get(photo);
            if (!kind.identifiable()) {
                String jsonKey = JsonText.of(BUCKET + "/" + key(photo));
                assertThat(output.lines().filter(l -> l.contains("\"event\":\"record.failed\"") && l.contains(jsonKey)
                        && l.contains("\"code\":\"" + kind.code + "\"") && l.contains("\"retryable\":false")))
                        .as("%s is logged as %s with its reason", key(photo), kind.code).isNotEmpty();
                reasons.merge(kind.code, 1, Integer::sum);
            }
        }

        System.out.printf("fault injection: %d events (%d photos, each delivered twice, shuffled, plus %d malformed/test/"
                        + "filtered), %d deliveries in %d batches, %d reported for redelivery, %d claim-write faults, "
                        + "injected %s, %d container crashes%n", events, PHOTOS, events - 2 * PHOTOS, deliveries, batches,
                reported, claimFaults, injected, crashes);
        System.out.printf("fault injection: %d notifications published, %d distinct identifiable photos, %d duplicates, "
                        + "%d unidentifiable photos logged with their reason %s, %d crashed claims still in flight%n",
                published.size(), distinctIdentifiable, duplicates, reasons.values().stream().mapToInt(n -> n).sum(),
                reasons, stuck.size());

        assertThat(events).isGreaterThanOrEqualTo(1000);
        assertThat(crashes).isEqualTo(crashing.size());
        assertThat(injected.keySet()).containsExactlyInAnyOrder(Injected.values());
        assertThat(published).hasSize(identifiable.size());
        assertThat(duplicates).isZero();
        assertThat(perPhoto.keySet()).containsExactlyInAnyOrderElementsOf(identifiable.stream().map(FaultInjectionTest::key).toList());
        assertThat(queue).allSatisfy(m -> assertThat(stuck).contains(m.photo()));
        assertThat(stuck).containsExactlyInAnyOrderElementsOf(crashing);

        // After the claim window the crashed claims are taken over; the outbox shows their SNS delivery
        // done, so nothing is sent again: the crash between notify and complete no longer repeats.
        clock.advance(CLAIM_TIMEOUT);
        SQSEvent redelivery = new SQSEvent();
        redelivery.setRecords(queue.stream().map(FaultInjectionTest::sqsMessage).toList());
        SQSBatchResponse last = container().handleRequest(redelivery, new TestContext("after-claim-window"));

        System.out.printf("fault injection: after the %s claim window, %d redelivered messages of the %d crashed photos "
                + "found them told already%n", CLAIM_TIMEOUT, queue.size(), crashing.size());
        assertThat(last.getBatchItemFailures()).isEmpty();
        assertThat(sns.messages()).hasSize(identifiable.size());
    }

    private static int pending() {
        return s3.pendingFaults() + sageMaker.pendingFaults() + sns.pendingFaults();
    }

    /** Each kind of fault in turn; timeouts (which cost a client timeout each) less often. */
    private static Injected pick(Random random, Map<Injected, Integer> injected) {
        Injected fault = Injected.values()[random.nextInt(Injected.values().length)];
        if (fault.name().endsWith("TIMEOUT") && injected.getOrDefault(fault, 0) >= 6) {
            return Injected.values()[random.nextInt(2)];
        }
        return fault;
    }

    private static void inject(Injected fault, int photo) {
        String suffix = String.format("%04d.jpg", photo);
        Predicate<Request> photoRead = r -> r.method().equals("GET") && r.rawPath().endsWith(suffix);
        int length = size(photo);
        Predicate<Request> inference = r -> r.body().length == length;
        String inMessage = String.format("%04d.jpg]", photo);
        Predicate<Request> publish = r -> URLDecoder.decode(new String(r.body(), StandardCharsets.UTF_8),
                StandardCharsets.UTF_8).contains(inMessage);
        switch (fault) {
            case S3_500 -> s3.failNextWhere(photoRead, Fault.error(500, "InternalError", "We encountered an internal error."));
            case S3_SLOWDOWN -> s3.failNextWhere(photoRead, Fault.error(503, "SlowDown", "Please reduce your request rate."));
            case S3_TIMEOUT -> s3.failNextWhere(photoRead, stall("InternalError"));
            case MODEL_THROTTLED -> sageMaker.failNextWhere(inference, Fault.error(400, "ThrottlingException", "Rate exceeded"));
            case MODEL_500 -> sageMaker.failNextWhere(inference, Fault.error(500, "InternalFailure", "internal failure"));
            case MODEL_TIMEOUT -> sageMaker.failNextWhere(inference, stall("InternalFailure"));
            case SNS_THROTTLED -> sns.failNextWhere(publish, Fault.error(400, "Throttling", "Rate exceeded"));
            case SNS_500 -> sns.failNextWhere(publish, Fault.error(500, "InternalFailure", "internal failure"));
            // SNS never took these (it answers an error after the client gave up): a publish that did
            // land before a timeout cannot be told apart by the caller (see docs/production.md).
            case SNS_TIMEOUT -> sns.failNextWhere(publish, stall("InternalFailure"));
        }
    }

    /** Answers only after the client gave up, and with an error, so nothing happened on the server. */
    private static Fault stall(String code) {
        return new Fault(500, code, "too late", PAST_CLIENT_TIMEOUT);
    }

    private static SQSEvent.SQSMessage sqsMessage(Message message) {
        SQSEvent.SQSMessage sqs = new SQSEvent.SQSMessage();
        sqs.setMessageId(message.id());
        sqs.setBody(message.body());
        sqs.setEventSource("aws:sqs");
        return sqs;
    }
}
