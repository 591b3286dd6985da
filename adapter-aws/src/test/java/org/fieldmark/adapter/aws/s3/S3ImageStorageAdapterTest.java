package org.fieldmark.adapter.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.FaultyS3;
import org.fieldmark.adapter.aws.testing.LoopbackServer;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.ImageStoragePortContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 adapter with a real S3 client over HTTP against s3proxy, and against a failing S3. */
class S3ImageStorageAdapterTest extends ImageStoragePortContract {

    private static final String BUCKET = "feeder";
    private static S3ProxyServer s3;
    private static FaultyS3 faulty;

    @BeforeAll
    static void startS3() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        faulty = new FaultyS3();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        faulty.close();
    }

    private static S3Client client(URI endpoint, StaticCredentialsProvider credentials) {
        return new AwsClients(AwsClientSettings.local(S3ProxyServer.REGION, endpoint).withMaxAttempts(2), credentials)
                .s3();
    }

    private static S3ImageStorageAdapter adapter(long maxBytes) {
        return new S3ImageStorageAdapter(client(s3.endpoint(), S3ProxyServer.credentials()), new S3StorageSettings(maxBytes));
    }

    @Override
    protected ImageStoragePort storage(long maxBytes) {
        return adapter(maxBytes);
    }

    @Override
    protected ImageReference put(String key, byte[] bytes, String contentType) {
        s3.put(BUCKET, key, bytes, contentType);
        return new ImageReference(BUCKET, key);
    }

    @Override
    protected ImageReference missing(String key) {
        return new ImageReference(BUCKET, key);
    }

    @Test
    void reportsTheETagAsVersionForAnUnversionedBucket() {
        ImageReference reference = put("birds/etag.jpg", ImageSamples.jpeg(100), "image/jpeg");

        StoredImage image = adapter(1000).fetch(reference);

        assertThat(image.version()).isNotBlank().doesNotContain("\"");
    }

    /** One bad input or fault, what the adapter must raise, and what its message must name. */
    record Case(String name, Function<Long, ImageStoragePort> storage, ImageReference reference, ErrorCode code,
                boolean retryable, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badInputs() {
        s3.put(BUCKET, "birds/empty.jpg", new byte[0], "image/jpeg");
        s3.put(BUCKET, "birds/big.jpg", ImageSamples.jpeg(5000), "image/jpeg");
        Function<Long, ImageStoragePort> good = S3ImageStorageAdapterTest::adapter;
        Function<Long, ImageStoragePort> wrongSecret = max -> new S3ImageStorageAdapter(client(s3.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, "wrong"))),
                new S3StorageSettings(max));
        Function<Long, ImageStoragePort> failing = max -> new S3ImageStorageAdapter(
                client(faulty.endpoint(), S3ProxyServer.credentials()), new S3StorageSettings(max));
        Function<Long, ImageStoragePort> nobodyListening = max -> new S3ImageStorageAdapter(
                client(URI.create("http://127.0.0.1:1"), S3ProxyServer.credentials()), new S3StorageSettings(max));
        ImageReference card = new ImageReference(BUCKET, "birds/card.jpg");
        return Stream.of(
                new Case("missing object", good, new ImageReference(BUCKET, "birds/gone.jpg"), ErrorCode.IMAGE_NOT_FOUND,
                        false, List.of("s3://feeder/birds/gone.jpg", "NoSuchKey")),
                new Case("missing bucket", good, new ImageReference("no-such-bucket", "birds/a.jpg"),
                        ErrorCode.IMAGE_NOT_FOUND, false, List.of("no-such-bucket", "birds/a.jpg")),
                new Case("empty object", good, new ImageReference(BUCKET, "birds/empty.jpg"), ErrorCode.IMAGE_EMPTY, false,
                        List.of("s3://feeder/birds/empty.jpg", "0 bytes")),
                new Case("oversize object", good, new ImageReference(BUCKET, "birds/big.jpg"), ErrorCode.IMAGE_TOO_LARGE,
                        false, List.of("s3://feeder/birds/big.jpg", "5000", "4999")),
                new Case("no bucket in the reference", good, ImageReference.of("birds/card.jpg"), ErrorCode.INVALID_REQUEST,
                        false, List.of("needs a bucket", "birds/card.jpg")),
                new Case("wrong credentials", wrongSecret, card, ErrorCode.STORAGE_UNAVAILABLE, false,
                        List.of("access denied", "s3://feeder/birds/card.jpg", "s3:GetObject")),
                new Case("AccessDenied", withFault(failing, Fault.error(403, "AccessDenied", "Access Denied")), card,
                        ErrorCode.STORAGE_UNAVAILABLE, false, List.of("AccessDenied", "s3://feeder/birds/card.jpg")),
                new Case("SlowDown", withFault(failing, Fault.error(503, "SlowDown", "Please reduce your request rate.")),
                        card, ErrorCode.STORAGE_UNAVAILABLE, true, List.of("SlowDown", "HTTP 503", "s3://feeder/birds/card.jpg")),
                new Case("internal error", withFault(failing, Fault.error(500, "InternalError", "oops")), card,
                        ErrorCode.STORAGE_UNAVAILABLE, true, List.of("InternalError", "s3://feeder/birds/card.jpg")),
                new Case("invalid argument", withFault(failing, Fault.error(400, "InvalidArgument", "bad")), card,
                        ErrorCode.STORAGE_UNAVAILABLE, false, List.of("InvalidArgument", "s3://feeder/birds/card.jpg")),
                new Case("nobody listening", nobodyListening, card, ErrorCode.STORAGE_UNAVAILABLE, true,
                        List.of("could not reach S3", "s3://feeder/birds/card.jpg")))
                .map(Arguments::of);
    }

    private static Function<Long, ImageStoragePort> withFault(Function<Long, ImageStoragePort> storage, Fault fault) {
        return max -> {
            faulty.failAlways(fault);
            return storage.apply(max);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesBadInputsWithACodeARetryableFlagAndAClearMessage(Case c) {
        s3.put(BUCKET, "birds/card.jpg", ImageSamples.jpeg(100), "image/jpeg");
        ImageStoragePort storage = c.storage().apply(4999L);

        assertThatThrownBy(() -> storage.fetch(c.reference()))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(c.code());
                    assertThat(e.retryable()).isEqualTo(c.retryable());
                    assertThat(e.getMessage()).contains(c.mentions());
                });
    }

    /** Announces a 100 MB object, sends a little of it and then stalls: only reading the body would notice. */
    static final class StallingS3 extends LoopbackServer {
        @Override
        protected void answer(HttpExchange exchange, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.getResponseHeaders().set("ETag", "\"abc\"");
            exchange.sendResponseHeaders(200, 100_000_000L);
            exchange.getResponseBody().write(ImageSamples.jpeg(1024));
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        protected void answerFault(HttpExchange exchange, Fault fault) throws IOException {
            answer(exchange, new byte[0]);
        }
    }

    @Test
    void refusesAnOversizeObjectOnItsContentLengthWithoutReadingTheBody() {
        try (StallingS3 stalling = new StallingS3()) {
            AwsClientSettings settings = new AwsClientSettings(S3ProxyServer.REGION, stalling.endpoint(), null, null, null,
                    1, null, Duration.ofSeconds(2));
            S3ImageStorageAdapter storage = new S3ImageStorageAdapter(
                    new AwsClients(settings, S3ProxyServer.credentials()).s3(), S3StorageSettings.defaults());

            assertThatThrownBy(() -> storage.fetch(new ImageReference(BUCKET, "birds/huge.jpg")))
                    .isInstanceOfSatisfying(FieldmarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE))
                    .hasMessageContaining("100000000").hasMessageContaining("s3://feeder/birds/huge.jpg");
        }
    }

    @Test
    void retriesAThrottledReadAsOftenAsTheClientIsToldBeforeGivingUp() {
        faulty.failAlways(Fault.error(503, "SlowDown", "Please reduce your request rate."));
        int before = faulty.requestCount();
        S3ImageStorageAdapter storage = new S3ImageStorageAdapter(client(faulty.endpoint(), S3ProxyServer.credentials()),
                S3StorageSettings.defaults());

        assertThatThrownBy(() -> storage.fetch(new ImageReference(BUCKET, "birds/card.jpg")))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(faulty.requestCount() - before).isEqualTo(2);
    }
}
