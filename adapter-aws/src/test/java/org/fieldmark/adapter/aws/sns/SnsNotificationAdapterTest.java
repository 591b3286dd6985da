package org.fieldmark.adapter.aws.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.s3.S3PresignedLinks;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.FakeSns.Attribute;
import org.fieldmark.adapter.aws.testing.FakeSns.Publish;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.testing.NotificationPortContract;
import org.fieldmark.application.testing.Results;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SNS adapter with a real SNS client over HTTP against a loopback SNS speaking the Query protocol. */
class SnsNotificationAdapterTest extends NotificationPortContract {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";
    private static final String FIFO_TOPIC = "arn:aws:sns:us-east-1:123456789012:birds.fifo";
    private static FakeSns sns;
    private static SnsClient client;
    private int seenBefore;

    @BeforeAll
    static void start() {
        sns = new FakeSns(Set.of(TOPIC, FIFO_TOPIC));
        client = client(sns.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        sns.close();
    }

    @BeforeEach
    void reset() {
        sns.heal();
        seenBefore = sns.published().size();
    }

    private static SnsClient client(URI endpoint) {
        return new AwsClients(AwsClientSettings.local(S3ProxyServer.REGION, endpoint).withMaxAttempts(2),
                S3ProxyServer.credentials()).sns();
    }

    private List<Publish> delivered() {
        List<Publish> all = sns.published();
        return all.subList(seenBefore, all.size());
    }

    @Override
    protected NotificationPort notifier() {
        return new SnsNotificationAdapter(client, SnsSettings.of(TOPIC));
    }

    @Override
    protected List<String> deliveredMessages() {
        return delivered().stream().map(Publish::message).toList();
    }

    @Override
    protected void breakChannel() {
        sns.failAlways(Fault.error(500, "InternalError", "broken"));
    }

    @Test
    void publishesToTheTopicWithAttributesSubscribersCanFilterOn() {
        new SnsNotificationAdapter(client, new SnsSettings(TOPIC, "Fieldmark saw a bird"))
                .publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01));

        Publish publish = delivered().get(0);
        assertThat(publish.topicArn()).isEqualTo(TOPIC);
        assertThat(publish.subject()).isEqualTo("Fieldmark saw a bird");
        assertThat(publish.attributes()).containsOnly(
                java.util.Map.entry("species", new Attribute("String", "Northern Cardinal")),
                java.util.Map.entry("confidence", new Attribute("Number", "0.94")),
                java.util.Map.entry("confident", new Attribute("String", "true")));
        assertThat(publish.messageGroupId()).isNull();
        assertThat(publish.deduplicationId()).isNull();
    }

    @Test
    void addsTheSightingIdReasonAndImageLinkAsAttributesAndLeavesTheTextAlone() {
        IdentificationResult result = Results.withSighting(
                Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01), true,
                "notified: first Northern Cardinal today");

        new SnsNotificationAdapter(client, SnsSettings.of(TOPIC),
                image -> Optional.of("https://feeder.example/v1/images?key=" + image.key())).publish(result);

        Publish publish = delivered().get(0);
        assertThat(publish.message()).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)\n"
                + "https://feeder.example/v1/images?key=birds/card.jpg");
        assertThat(publish.attributes()).containsEntry("sightingId", new Attribute("String", "sighting-1"))
                .containsEntry("reason", new Attribute("String", "notified: first Northern Cardinal today"))
                .containsEntry("imageUrl", new Attribute("String", "https://feeder.example/v1/images?key=birds/card.jpg"))
                .containsEntry("species", new Attribute("String", "Northern Cardinal"));
    }

    @Test
    void publishesTheDigestTextWithAttributesSaysWhatItIs() {
        new SnsNotificationAdapter(client, new SnsSettings(TOPIC, "Fieldmark")).publishDigest(Results.digest());

        Publish publish = delivered().get(0);
        assertThat(publish.message()).isEqualTo(Results.digest().message());
        assertThat(publish.subject()).isEqualTo("Fieldmark");
        assertThat(publish.attributes()).containsOnly(
                java.util.Map.entry("type", new Attribute("String", "digest")),
                java.util.Map.entry("date", new Attribute("String", "2026-11-29")),
                java.util.Map.entry("sightings", new Attribute("Number", "12")));
    }

    @Test
    void givesFifoDigestsTheirOwnGroupAndOneDeduplicationIdPerDay() {
        SnsNotificationAdapter fifo = new SnsNotificationAdapter(client, SnsSettings.of(FIFO_TOPIC));

        fifo.publishDigest(Results.digest());
        fifo.publishDigest(Results.digest());

        List<Publish> sent = delivered();
        assertThat(sent).extracting(Publish::messageGroupId).containsOnly("fieldmark-digest");
        assertThat(sent.get(0).deduplicationId()).hasSize(64).isEqualTo(sent.get(1).deduplicationId());
    }

    @Test
    void sendsNoSubjectUnlessConfigured() {
        notifier().publish(Results.workshop("feeder", "birds/x.jpg", 0.55, 0.10, 0.05, 0.30));

        assertThat(delivered().get(0).subject()).isNull();
        assertThat(delivered().get(0).attributes().get("confident")).isEqualTo(new Attribute("String", "false"));
    }

    @Test
    void givesFifoTopicsAGroupAndADeduplicationIdThatFollowsBucketKeyAndETag() {
        SnsNotificationAdapter fifo = new SnsNotificationAdapter(client, SnsSettings.of(FIFO_TOPIC));
        IdentificationResult card = Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01);
        IdentificationResult other = Results.workshop("feeder", "birds/other.jpg", 0.02, 0.94, 0.03, 0.01);
        IdentificationResult newVersion = new IdentificationResult(card.source(), "etag-2", card.contentType(),
                card.contentLength(), card.identification(), card.modelId(), card.timings());

        fifo.publish(card);
        fifo.publish(card);
        fifo.publish(other);
        fifo.publish(newVersion);

        List<Publish> sent = delivered();
        assertThat(sent).extracting(Publish::messageGroupId).containsOnly("feeder");
        assertThat(sent.get(0).deduplicationId()).hasSize(64).isEqualTo(sent.get(1).deduplicationId())
                .isNotEqualTo(sent.get(2).deduplicationId()).isNotEqualTo(sent.get(3).deduplicationId());
    }

    @Test
    void appendsAPresignedLinkToTheImageOnItsOwnLine() {
        try (var presigner = new AwsClients(AwsClientSettings.local(S3ProxyServer.REGION, URI.create("http://127.0.0.1:9")),
                S3ProxyServer.credentials()).s3Presigner()) {
            S3PresignedLinks links = new S3PresignedLinks(presigner, Duration.ofMinutes(15));
            new SnsNotificationAdapter(client, SnsSettings.of(TOPIC), links::linkFor)
                    .publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01));
        }

        String[] lines = delivered().get(0).message().split("\n");
        assertThat(lines[0]).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
        assertThat(lines[1]).startsWith("http://127.0.0.1:9/feeder/birds/card.jpg?")
                .contains("X-Amz-Expires=900", "X-Amz-Signature=");
    }

    @Test
    void leavesTheMessageAloneWhenThereIsNoLink() {
        new SnsNotificationAdapter(client, SnsSettings.of(TOPIC), image -> Optional.empty())
                .publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01));

        assertThat(delivered().get(0).message()).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }

    /** One fault, what the adapter must raise, and what its message must name. */
    record Case(String name, String topic, Fault fault, boolean retryable, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                new Case("throttled", TOPIC, Fault.error(400, "Throttling", "Rate exceeded"), true,
                        List.of(TOPIC, "Throttling", "birds/card.jpg")),
                new Case("internal error", TOPIC, Fault.error(500, "InternalError", "boom"), true,
                        List.of(TOPIC, "InternalError", "HTTP 500")),
                new Case("KMS throttled", TOPIC, Fault.error(400, "KMSThrottling", "slow down"), true, List.of("KMSThrottling")),
                new Case("topic missing", "arn:aws:sns:us-east-1:123456789012:gone", null, false,
                        List.of("arn:aws:sns:us-east-1:123456789012:gone", "NotFound", "sns:Publish")),
                new Case("not authorised", TOPIC, Fault.error(403, "AuthorizationError", "not allowed"), false,
                        List.of(TOPIC, "AuthorizationError")),
                new Case("invalid parameter", TOPIC, Fault.error(400, "InvalidParameter", "Invalid parameter: Message"),
                        false, List.of(TOPIC, "InvalidParameter")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void reportsEveryFailedPublishWithACodeARetryableFlagAndAClearMessage(Case c) {
        if (c.fault() != null) {
            sns.failAlways(c.fault());
        }
        SnsNotificationAdapter notifier = new SnsNotificationAdapter(client, SnsSettings.of(c.topic()));

        assertThatThrownBy(() -> notifier.publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01)))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOTIFICATION_FAILED);
                    assertThat(e.retryable()).isEqualTo(c.retryable());
                    assertThat(e.getMessage()).contains(c.mentions());
                });
        assertThat(delivered()).isEmpty();
    }

    @Test
    void deliversOnceWhenTheSdkRetryGetsThroughAfterAThrottle() {
        sns.failNext(Fault.error(400, "Throttling", "Rate exceeded"));

        notifier().publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01));

        assertThat(deliveredMessages()).containsExactly("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void reportsAnUnreachableSnsAsRetryable() {
        try (SnsClient nowhere = client(URI.create("http://127.0.0.1:1"))) {
            assertThatThrownBy(() -> new SnsNotificationAdapter(nowhere, SnsSettings.of(TOPIC))
                    .publish(Results.workshop("feeder", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01)))
                    .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOTIFICATION_FAILED);
                        assertThat(e.retryable()).isTrue();
                    });
        }
    }
}
