package org.fieldmark.adapter.http.out.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fieldmark.adapter.http.json.ResultJson;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.testing.NotificationPortContract;
import org.fieldmark.application.testing.Results;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookNotificationAdapterTest {

    private static final String SECRET = "s3cr3t-for-tests";
    private static final IdentificationResult CARDINAL = Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94,
            0.03, 0.01);

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** Tiny backoffs and a short request timeout, so retries and stalls cost milliseconds. */
    static WebhookSettings quick(URI url, String secret) {
        return WebhookSettings.of(url, secret)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withRetries(3, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(30));
    }

    private WebhookNotificationAdapter adapter() {
        return new WebhookNotificationAdapter(quick(receiver.url(), SECRET));
    }

    @Nested
    class Contract extends NotificationPortContract {
        private WebhookNotificationAdapter notifier;

        @Override
        protected NotificationPort notifier() {
            if (notifier == null) {
                notifier = adapter();
            }
            return notifier;
        }

        @Override
        protected List<String> deliveredMessages() {
            return receiver.accepted();
        }

        @Override
        protected void breakChannel() {
            receiver.always(500);
        }
    }

    @Test
    void postsTheResultAsJsonSignedOverTheExactBody() {
        adapter().publish(CARDINAL);

        assertThat(receiver.received).hasSize(1);
        WebhookReceiver.Received delivery = receiver.received.get(0);
        assertThat(delivery.signatureValid()).isTrue();
        assertThat(delivery.signature()).matches("sha256=[0-9a-f]{64}");
        assertThat(delivery.contentType()).isEqualTo("application/json");
        assertThat(delivery.attempt()).isEqualTo("1");
        assertThat(delivery.deliveryId()).isNotBlank();
        JsonObject body = new JsonObject(new String(delivery.body(), StandardCharsets.UTF_8));
        assertThat(body.getString("message")).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(body.getString("bucket")).isEqualTo("feeder");
        assertThat(body.getString("key")).isEqualTo("birds/card.jpg");
        assertThat(body.getString("modelId")).isEqualTo("test-model");
        assertThat(body.getJsonArray("predictions")).isNotEmpty();
        assertThat(body.fieldNames()).containsExactlyElementsOf(ResultJson.of(CARDINAL).keySet());
        assertThat(body.getLong("contentLength")).isEqualTo(1234L);
        assertThat(body.getJsonObject("timings").getDouble("total")).isEqualTo(3.5);
        assertThat(delivery.body()).isEqualTo(WebhookNotificationAdapter.body(CARDINAL));
        assertThat(WebhookSignature.verify(SECRET, delivery.body(), delivery.signature())).isTrue();
    }

    @Test
    void carriesTheSightingIdReasonAndImageUrlInTheJson() {
        IdentificationResult logged = Results.withSighting(CARDINAL, true, "notified: first Northern Cardinal today");

        new WebhookNotificationAdapter(quick(receiver.url(), SECRET),
                image -> java.util.Optional.of("https://feeder.example/v1/images?key=" + image.key())).publish(logged);

        JsonObject body = new JsonObject(new String(receiver.received.get(0).body(), StandardCharsets.UTF_8));
        assertThat(body.getJsonObject("sighting").getString("id")).isEqualTo("sighting-1");
        assertThat(body.getJsonObject("sighting").getString("reason")).isEqualTo("notified: first Northern Cardinal today");
        assertThat(body.getJsonObject("sighting").getBoolean("notified")).isTrue();
        assertThat(body.getString("imageUrl")).isEqualTo("https://feeder.example/v1/images?key=birds/card.jpg");
        assertThat(body.getString("message")).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(receiver.received.get(0).signatureValid()).isTrue();
    }

    @Test
    void carriesWhereTheBirdWasLocatedInTheJson() {
        adapter().publish(Results.located(Results.withSighting(CARDINAL, true, "notified: every")));

        JsonObject body = new JsonObject(new String(receiver.received.get(0).body(), StandardCharsets.UTF_8));
        assertThat(body.getJsonObject("region")).isEqualTo(new JsonObject()
                .put("x", 512).put("y", 288).put("width", 256).put("height", 170)
                .put("imageWidth", 1280).put("imageHeight", 720).put("left", 0.4).put("top", 0.4)
                .put("relativeWidth", 0.2).put("relativeHeight", 170.0 / 720).put("wholeFrame", false));
        assertThat(receiver.received.get(0).signatureValid()).isTrue();
        adapter().publish(CARDINAL);
        JsonObject unlocated = new JsonObject(new String(receiver.received.get(1).body(), StandardCharsets.UTF_8));
        assertThat(unlocated.containsKey("region")).as("region: null when the photo's size is unknown").isTrue();
        assertThat(unlocated.getValue("region")).isNull();
        assertThat(body.getString("locator")).isEqualTo("search");
        assertThat(unlocated.getString("locator")).isEqualTo("whole");
    }

    @Test
    void postsTheDigestAsSignedJsonWithTheCounts() {
        adapter().publishDigest(Results.digest());

        WebhookReceiver.Received delivery = receiver.received.get(0);
        assertThat(delivery.signatureValid()).isTrue();
        JsonObject body = new JsonObject(new String(delivery.body(), StandardCharsets.UTF_8));
        assertThat(body.getString("type")).isEqualTo("digest");
        assertThat(body.getString("date")).isEqualTo("2026-11-29");
        assertThat(body.getString("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(body.getInteger("sightings")).isEqualTo(12);
        assertThat(body.getJsonArray("species").getJsonObject(0).getMap()).containsEntry("scientificName",
                "Passer domesticus").containsEntry("name", "House Sparrow").containsEntry("count", 7);
        assertThat(delivery.body()).isEqualTo(WebhookNotificationAdapter.body(Results.digest()));
    }

    @Test
    void sendsNoSignatureWithoutASecret() throws IOException {
        try (WebhookReceiver unsigned = new WebhookReceiver(null)) {
            new WebhookNotificationAdapter(quick(unsigned.url(), "")).publish(CARDINAL);

            assertThat(unsigned.received).singleElement()
                    .satisfies(r -> assertThat(r.signature()).isNull());
        }
    }

    @Test
    void aReceiverWithAnotherSecretRefusesTheDelivery() {
        WebhookNotificationAdapter wrongKey = new WebhookNotificationAdapter(quick(receiver.url(), "other-secret"));

        assertThatThrownBy(() -> wrongKey.publish(CARDINAL))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("HTTP 401");
                });
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void keepsTheDeliveryIdAcrossRetriesAndNumbersTheAttempts() {
        receiver.then(503).then(500);

        adapter().publish(CARDINAL);

        assertThat(receiver.received).hasSize(3);
        assertThat(receiver.received).extracting(WebhookReceiver.Received::deliveryId).containsOnly(
                receiver.received.get(0).deliveryId());
        assertThat(receiver.received).extracting(WebhookReceiver.Received::attempt).containsExactly("1", "2", "3");
        assertThat(receiver.received).allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.body()).isEqualTo(receiver.received.get(0).body());
        });
        assertThat(receiver.accepted()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void givesEachDeliveryItsOwnId() {
        WebhookNotificationAdapter notifier = adapter();
        notifier.publish(CARDINAL);
        notifier.publish(CARDINAL);

        assertThat(receiver.received).extracting(WebhookReceiver.Received::deliveryId).doesNotHaveDuplicates();
    }

    @Test
    void retriesAStalledReceiverAsATimeout() {
        receiver.thenStall(6000);
        WebhookNotificationAdapter impatient = new WebhookNotificationAdapter(quick(receiver.url(), SECRET)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1000)));

        impatient.publish(CARDINAL);

        assertThat(receiver.received).hasSize(2);
        assertThat(receiver.received).extracting(WebhookReceiver.Received::attempt).containsExactly("1", "2");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("500 every time", 500, true, 3, List.of("HTTP 500", "receiver says 500", "3 attempts")),
                Arguments.of("503 every time", 503, true, 3, List.of("HTTP 503", "3 attempts")),
                Arguments.of("429 every time", 429, true, 3, List.of("HTTP 429", "3 attempts")),
                Arguments.of("400 is final", 400, false, 1, List.of("HTTP 400", "1 attempt")),
                Arguments.of("403 is final", 403, false, 1, List.of("HTTP 403", "1 attempt")),
                Arguments.of("404 is final", 404, false, 1, List.of("HTTP 404", "1 attempt")),
                Arguments.of("410 is final", 410, false, 1, List.of("HTTP 410", "1 attempt")),
                Arguments.of("a redirect is not followed", 302, false, 1, List.of("HTTP 302", "1 attempt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void reportsAFailedDeliveryWithItsRetryabilityAfterBoundedAttempts(String name, int status, boolean retryable,
                                                                      int attempts, List<String> phrases) {
        receiver.always(status);

        assertThatThrownBy(() -> adapter().publish(CARDINAL))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOTIFICATION_FAILED);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).contains(phrases).contains("birds/card.jpg")
                            .contains(receiver.url().getPath());
                });
        assertThat(receiver.received).hasSize(attempts);
    }

    @Test
    void reportsAnUnreachableReceiverAsRetryable() throws IOException {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/hook");
        }
        WebhookNotificationAdapter notifier = new WebhookNotificationAdapter(quick(nowhere, SECRET));

        assertThatThrownBy(() -> notifier.publish(CARDINAL))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("could not connect", "3 attempts", "127.0.0.1");
                });
    }

    @Test
    void stopsRetryingOnceTheTotalTimeBudgetIsSpent() {
        // Each answer takes 150 ms, so the 100 ms budget is spent after the first attempt.
        receiver.alwaysSlowly(503, 150);
        AtomicInteger ids = new AtomicInteger();
        WebhookNotificationAdapter notifier = new WebhookNotificationAdapter(
                quick(receiver.url(), SECRET).withRetries(10, Duration.ofMillis(30), Duration.ofMillis(30),
                        Duration.ofMillis(100)),
                () -> "delivery-" + ids.incrementAndGet(), image -> java.util.Optional.empty());

        assertThatThrownBy(() -> notifier.publish(CARDINAL))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("delivery-1", "1 attempt;", "100 ms budget", "HTTP 503");
                });
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void neverLeaksTheSecretOrTheUrlQueryIntoMessages() {
        receiver.always(500);
        URI withToken = URI.create(receiver.url() + "?token=abc123");
        WebhookNotificationAdapter notifier = new WebhookNotificationAdapter(quick(withToken, SECRET));

        assertThatThrownBy(() -> notifier.publish(CARDINAL))
                .isInstanceOf(NotificationFailedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc123").doesNotContain(SECRET));
        assertThat(quick(withToken, SECRET).toString()).doesNotContain(SECRET).doesNotContain("abc123");
    }

    static Stream<Arguments> badSettings() {
        URI good = URI.create("http://127.0.0.1:9/hook");
        return Stream.of(
                Arguments.of("no URL", (Runnable) () -> WebhookSettings.of(null, ""), "webhook URL is not set"),
                Arguments.of("file URL", (Runnable) () -> WebhookSettings.of(URI.create("file:///etc/passwd"), ""),
                        "is not an http(s) URL"),
                Arguments.of("no host", (Runnable) () -> WebhookSettings.of(URI.create("http:///hook"), ""),
                        "is not an http(s) URL with a host"),
                Arguments.of("zero attempts", (Runnable) () -> WebhookSettings.of(good, "").withRetries(0,
                        Duration.ZERO, Duration.ZERO, Duration.ZERO), "max attempts 0 is outside 1..20"),
                Arguments.of("negative total time", (Runnable) () -> WebhookSettings.of(good, "").withRetries(2,
                        Duration.ZERO, Duration.ZERO, Duration.ofSeconds(-1)), "max total time must be zero or positive"),
                Arguments.of("zero connect timeout", (Runnable) () -> WebhookSettings.of(good, "")
                        .withTimeouts(Duration.ZERO, Duration.ofSeconds(1)), "connect timeout must be positive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void refusesBadSettingsSayingWhatIsWrong(String name, Runnable build, String phrase) {
        assertThatThrownBy(build::run)
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(phrase);
                });
    }

    @Test
    void signsLikeTheDocumentedExample() {
        // The example in docs/http-out.md: HMAC-SHA256 of the body under the secret, lowercase hex.
        assertThat(WebhookSignature.sign("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        assertThat(WebhookSignature.verify("k", "body".getBytes(StandardCharsets.UTF_8), "sha256=00")).isFalse();
        assertThat(WebhookSignature.verify("k", "body".getBytes(StandardCharsets.UTF_8), null)).isFalse();
    }
}
