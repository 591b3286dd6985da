package org.fieldmark.adapter.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.FaultyS3;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.application.port.out.IdempotencyPort.Claim;
import org.fieldmark.application.testing.IdempotencyPortContract;
import org.fieldmark.application.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Claims as conditional writes of marker objects, with a real S3 client against s3proxy and a failing S3. */
class S3IdempotencyAdapterTest extends IdempotencyPortContract {

    private static final String BUCKET = "feeder";
    private static final String PREFIX = "fieldmark-idempotency/";
    private static S3ProxyServer s3;
    private static FaultyS3 inFront;
    private static FaultyS3 failing;
    private static int buckets;

    private final MutableClock clock = new MutableClock();
    // A bucket per test: markers of one test do not meet another's.
    private final String bucket = BUCKET + "-" + (++buckets);

    @BeforeAll
    static void startS3() {
        s3 = new S3ProxyServer();
        inFront = new FaultyS3(s3.endpoint());
        failing = new FaultyS3();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        inFront.close();
        failing.close();
    }

    private static S3Client client(URI endpoint) {
        return new AwsClients(AwsClientSettings.local(S3ProxyServer.REGION, endpoint).withMaxAttempts(2),
                S3ProxyServer.credentials()).s3();
    }

    private S3IdempotencyAdapter adapter(URI endpoint) {
        return new S3IdempotencyAdapter(client(endpoint), new S3IdempotencySettings(bucket, PREFIX, CLAIM_TIMEOUT), clock);
    }

    @Override
    protected IdempotencyPort port() {
        s3.createBucket(bucket);
        return adapter(s3.endpoint());
    }

    @Override
    protected IdempotencyPort samePortElsewhere() {
        return adapter(s3.endpoint());
    }

    @Override
    protected MutableClock clock() {
        return clock;
    }

    static EventKey card() {
        return new EventKey(BUCKET, "birds/card.jpg", "etag-1", "0055AED6DCD90281E5");
    }

    @Test
    void s3proxyRefusesASecondCreateAndAWriteOnAStaleETagWithPreconditionFailed() {
        s3.createBucket(bucket);
        S3Client client = client(s3.endpoint());
        client.putObject(r -> r.bucket(bucket).key("m").ifNoneMatch("*"), RequestBody.fromString("a"));

        assertThatThrownBy(() -> client.putObject(r -> r.bucket(bucket).key("m").ifNoneMatch("*"), RequestBody.fromString("b")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> client.putObject(r -> r.bucket(bucket).key("m").ifMatch("\"not-its-etag\""),
                RequestBody.fromString("c")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(client.getObjectAsBytes(r -> r.bucket(bucket).key("m")).asUtf8String()).isEqualTo("a");
    }

    @Test
    void writesAReadableMarkerUnderThePrefixThatSaysInFlightThenDone() {
        S3IdempotencyAdapter port = (S3IdempotencyAdapter) port();
        S3Client client = client(s3.endpoint());
        String marker = port.markerKey(card());

        port.claim(card());
        String claimed = client.getObjectAsBytes(r -> r.bucket(bucket).key(marker)).asUtf8String();
        port.complete(card());
        String done = client.getObjectAsBytes(r -> r.bucket(bucket).key(marker)).asUtf8String();

        assertThat(marker).startsWith(PREFIX).hasSize(PREFIX.length() + 64);
        assertThat(claimed).matches("\\{\"state\":\"in-flight\",\"at\":\"2026-11-28T01:00:00Z\",\"claim\":\"[0-9a-f-]{36}\","
                + "\"bucket\":\"feeder\",\"key\":\"birds/card.jpg\",\"version\":\"etag-1\",\"sequencer\":\"0055AED6DCD90281E5\"}");
        assertThat(done).startsWith("{\"state\":\"done\",");
    }

    @Test
    void passesThroughAnS3InFrontThatFailsTheMarkerWriteUntilItHeals() {
        s3.createBucket(bucket);
        S3IdempotencyAdapter port = adapter(inFront.endpoint());
        inFront.failNextWhere(r -> r.method().equals("PUT"), Fault.error(503, "SlowDown", "Please reduce your request rate."));
        inFront.failNextWhere(r -> r.method().equals("PUT"), Fault.error(503, "SlowDown", "Please reduce your request rate."));

        assertThatThrownBy(() -> port.claim(card())).isInstanceOfSatisfying(StorageUnavailableException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThat(port.claim(card())).isEqualTo(Claim.FIRST_TIME);
        assertThat(port.claim(card())).isEqualTo(Claim.IN_FLIGHT);
    }

    private static final Fault LOST = Fault.error(500, "InternalError",
            "We encountered an internal error. Please try again.");

    @Test
    void aClaimWhoseMarkerLandedButWhoseAnswerWasLostIsStillTheFirstTimeForTheSdksRetry() {
        s3.createBucket(bucket);
        S3IdempotencyAdapter port = adapter(inFront.endpoint());
        inFront.loseAnswerOfNextWhere(r -> r.method().equals("PUT"), LOST);
        int before = inFront.requestCount();

        Claim claim = port.claim(card());

        assertThat(inFront.requestCount() - before).as("the lost PUT, the SDK's retry (412: our marker), its read")
                .isEqualTo(3);
        assertThat(claim).isEqualTo(Claim.FIRST_TIME);
        assertThat(adapter(s3.endpoint()).claim(card())).as("another delivery").isEqualTo(Claim.IN_FLIGHT);
    }

    @Test
    void aTakeoverWhoseMarkerLandedButWhoseAnswerWasLostIsStillTheFirstTime() {
        s3.createBucket(bucket);
        assertThat(adapter(s3.endpoint()).claim(card())).isEqualTo(Claim.FIRST_TIME);
        clock.advance(CLAIM_TIMEOUT);
        S3IdempotencyAdapter port = adapter(inFront.endpoint());
        // The create meets the stale marker; the takeover's write (If-Match) is the second PUT.
        AtomicInteger puts = new AtomicInteger();
        inFront.loseAnswerOfNextWhere(r -> r.method().equals("PUT") && puts.incrementAndGet() == 2, LOST);
        int before = inFront.requestCount();

        Claim claim = port.claim(card());

        assertThat(inFront.requestCount() - before)
                .as("create (412), read, the lost takeover, the SDK's retry (412: our marker), its read").isEqualTo(5);
        assertThat(claim).isEqualTo(Claim.FIRST_TIME);
        assertThat(adapter(s3.endpoint()).claim(card())).as("another delivery").isEqualTo(Claim.IN_FLIGHT);
    }

    static Stream<Arguments> outages() {
        return Stream.of(
                Arguments.of(Fault.error(500, "InternalError", "We encountered an internal error."), true, "InternalError"),
                Arguments.of(Fault.error(503, "SlowDown", "Please reduce your request rate."), true, "SlowDown"),
                Arguments.of(Fault.error(403, "AccessDenied", "Access Denied"), false,
                        "allow s3:GetObject, s3:PutObject and s3:DeleteObject on arn:aws:s3:::"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void reportsAStoreThatCannotBeWrittenAsStorageUnavailable(Fault fault, boolean retryable, String mention) {
        failing.failAlways(fault);
        try {
            S3IdempotencyAdapter port = adapter(failing.endpoint());

            assertThatThrownBy(() -> port.claim(card())).isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                assertThat(e.retryable()).isEqualTo(retryable);
                assertThat(e.getMessage()).contains("idempotency marker s3://" + bucket + "/" + PREFIX, mention);
            });
            assertThatThrownBy(() -> port.release(card())).isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> port.complete(card())).isInstanceOf(StorageUnavailableException.class);
        } finally {
            failing.heal();
        }
    }

    @Test
    void reportsAnS3NobodyListensOnAsRetryable() {
        S3IdempotencyAdapter port = adapter(URI.create("http://127.0.0.1:1"));

        assertThatThrownBy(() -> port.claim(card())).isInstanceOfSatisfying(StorageUnavailableException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void takesOverAMarkerSomeoneEditedByItsLastModifiedTime() {
        S3IdempotencyAdapter port = (S3IdempotencyAdapter) port();
        client(s3.endpoint()).putObject(r -> r.bucket(bucket).key(port.markerKey(card())),
                RequestBody.fromString("not a marker", StandardCharsets.UTF_8));

        // Its last-modified time is the real one, far after the test clock's.
        assertThat(port.claim(card())).isEqualTo(Claim.IN_FLIGHT);
    }
}
