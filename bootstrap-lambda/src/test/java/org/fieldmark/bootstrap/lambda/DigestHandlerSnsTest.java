package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.s3.S3SightingRepositoryAdapter;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The digest function wired as in Lambda from its environment (real S3 and SNS clients over
 * HTTP) against s3proxy holding the bird log and the loopback SNS.
 */
class DigestHandlerSnsTest {

    static final String BUCKET = "feeder";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";

    private static S3ProxyServer s3;
    private static FakeSns sns;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
    private int publishedBefore;

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        sns = new FakeSns(Set.of(TOPIC));
        S3SightingRepositoryAdapter birdLog = new S3SightingRepositoryAdapter(clients(env()).s3(),
                LambdaEnvironment.readDigest(env()).sightings());
        birdLog.save(sighting("a", "2026-11-29T08:00:00Z", "Cardinalis cardinalis", "Northern Cardinal"));
        birdLog.save(sighting("b", "2026-11-29T09:00:00Z", "Cyanocitta cristata", "Blue Jay"));
        birdLog.save(sighting("c", "2026-11-29T10:00:00Z", "Cardinalis cardinalis", "Northern Cardinal"));
        // 00:30 on the 30th in Berlin: another day there.
        birdLog.save(sighting("d", "2026-11-29T23:30:00Z", "Cyanocitta cristata", "Blue Jay"));
    }

    private static Sighting sighting(String id, String time, String scientific, String common) {
        return new Sighting(id, Instant.parse(time), "birds/" + id + ".jpg", "feeder", scientific, common, 0.9, true,
                true, "notified: every", null);
    }

    @AfterAll
    static void stop() {
        s3.close();
        sns.close();
    }

    @BeforeEach
    void reset() {
        sns.heal();
        publishedBefore = sns.published().size();
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SNS_TOPIC_ARN", TOPIC);
        env.put("SIGHTINGS_BUCKET", BUCKET);
        env.put("POLICY_TIME_ZONE", "Europe/Berlin");
        env.put("AWS_REGION", S3ProxyServer.REGION);
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        return env;
    }

    private static AwsClients clients(Map<String, String> env) {
        return new AwsClients(LambdaEnvironment.readDigest(env).aws().withMaxAttempts(2), S3ProxyServer.credentials());
    }

    /** As the no-arg constructor wires it, with test credentials and a clock on the evening of the 29th. */
    private DigestHandler handler() {
        DigestConfiguration config = LambdaEnvironment.readDigest(env());
        Clock clock = Clock.fixed(Instant.parse("2026-11-29T19:00:00Z"), config.zone());
        return new DigestHandler(LambdaWiring.digest(config, clients(env()), log, clock), clock, log);
    }

    @Test
    void publishesTheDaysDigestFromTheS3BirdLogToTheTopic() {
        Map<String, Object> summary = handler().handleRequest(Map.of("time", "2026-11-29T19:00:00Z"),
                new TestContext("req-1"));

        assertThat(sns.published().subList(publishedBefore, sns.published().size())).singleElement().satisfies(p -> {
            assertThat(p.topicArn()).isEqualTo(TOPIC);
            assertThat(p.message()).isEqualTo(
                    "Fieldmark digest for 2026-11-29: 2 species, 3 sightings — Northern Cardinal 2, Blue Jay 1");
            assertThat(p.attributes()).containsEntry("type", new FakeSns.Attribute("String", "digest"))
                    .containsEntry("sightings", new FakeSns.Attribute("Number", "3"));
        });
        assertThat(summary).containsEntry("date", "2026-11-29").containsEntry("species", 2).containsEntry("sightings", 3);
    }

    @Test
    void failsTheInvocationRetryablyWhenSnsKeepsFailing() {
        sns.failAlways(Fault.error(503, "ServiceUnavailable", "try later"));

        assertThatThrownBy(() -> handler().handleRequest(Map.of("date", "2026-11-29"), new TestContext("req-2")))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("the digest of 2026-11-29");
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"event\":\"digest.failed\"",
                "\"code\":\"NOTIFICATION_FAILED\"", "\"retryable\":true");
    }

    @Test
    void needsNoModelVariablesButFailsInitListingEveryProblem() {
        Map<String, String> env = new HashMap<>(env());
        assertThat(LambdaEnvironment.readDigest(env).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        env.remove("SIGHTINGS_BUCKET");
        env.put("POLICY_TIME_ZONE", "Mars/Olympus");
        env.put("SNS_TOPIC_ARN", "birds");

        assertThatThrownBy(() -> LambdaSetup.digest(env, log))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("SIGHTINGS_BUCKET is not set; the digest reads"))
                        .anySatisfy(p -> assertThat(p).startsWith("POLICY_TIME_ZONE is "))
                        .anySatisfy(p -> assertThat(p).startsWith("SNS_TOPIC_ARN is 'birds'"))
                        .hasSize(3));
    }

    @Test
    void countsTheDayInUtcWhenNoZoneIsSet() {
        Map<String, String> env = new HashMap<>(env());
        env.remove("POLICY_TIME_ZONE");

        assertThat(LambdaEnvironment.readDigest(env).zone()).isEqualTo(ZoneId.of("UTC").normalized());
    }
}
