package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.NotificationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LambdaEnvironmentTest {

    private static final Map<String, String> MINIMAL = Map.of(
            "SAGEMAKER_ENDPOINT_NAME", "bird-classifier",
            "SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:birds");

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.put(name, value);
        return env;
    }

    @Test
    void needsOnlyTheOriginalTwoVariablesAndDefaultsTheRestToTheWorkshop() {
        LambdaConfiguration config = LambdaEnvironment.read(MINIMAL);

        assertThat(config.endpointName()).isEqualTo("bird-classifier");
        assertThat(config.topicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:birds");
        assertThat(config.inference()).isEqualTo(LambdaConfiguration.Inference.SAGEMAKER);
        assertThat(config.notification()).isEqualTo(LambdaConfiguration.Notify.SNS);
        assertThat(config.contentType()).isNull();
        assertThat(config.catalog()).isSameAs(SpeciesCatalog.WORKSHOP_4);
        assertThat(config.rules().threshold()).isEqualTo(0.70);
        assertThat(config.rules().topK()).isEqualTo(2);
        assertThat(config.maxImageBytes()).isEqualTo(6L * 1024 * 1024);
        assertThat(config.presignTtl()).isNull();
        assertThat(config.keyPrefix()).isEqualTo("birds/");
        assertThat(config.keySuffix()).isEqualTo(".jpg");
        assertThat(config.inferenceTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.aws().endpoint()).isNull();
        assertThat(config.aws().region()).isNull();
        assertThat(config.sightings()).as("no bucket: the log stays in memory").isNull();
    }

    @Test
    void keepsTheBirdLogInTheNamedBucketUnderTheDefaultOrGivenPrefix() {
        java.util.Map<String, String> env = new java.util.HashMap<>(MINIMAL);
        env.put("SIGHTINGS_BUCKET", "feeder-log");

        assertThat(LambdaEnvironment.read(env).sightings())
                .isEqualTo(new org.fieldmark.adapter.aws.s3.S3SightingSettings("feeder-log", "fieldmark/"));
        env.put("SIGHTINGS_PREFIX", "garden/log");
        assertThat(LambdaEnvironment.read(env).sightings().prefix()).isEqualTo("garden/log/");
    }

    @Test
    void readsEveryOptionalVariable(@TempDir Path dir) throws IOException {
        Path labels = Files.writeString(dir.resolve("labels.txt"), "Cardinalis cardinalis (Northern Cardinal)\nbackground\n");
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.putAll(Map.of("CERTAINTY_THRESHOLD", "0.5", "TOP_K", "3", "LABELS", labels.toString(),
                "MAX_IMAGE_BYTES", "1000", "PRESIGN_URL_TTL", "PT15M", "NOTIFY_WHEN_NO_BIRD", "true",
                "SAGEMAKER_CONTENT_TYPE", "image/jpeg", "INFERENCE_TIMEOUT", "5", "S3_KEY_PREFIX", "",
                "S3_KEY_SUFFIX", ".png"));
        env.putAll(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000", "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME",
                "http://127.0.0.1:9001", "AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9002", "SNS_SUBJECT", "Bird!"));

        LambdaConfiguration config = LambdaEnvironment.read(env);

        assertThat(config.rules().threshold()).isEqualTo(0.5);
        assertThat(config.rules().topK()).isEqualTo(3);
        assertThat(config.catalog().size()).isEqualTo(2);
        assertThat(config.catalog().species(0).name()).isEqualTo("Northern Cardinal");
        assertThat(config.maxImageBytes()).isEqualTo(1000);
        assertThat(config.presignTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.notifyWhenNoBird()).isTrue();
        assertThat(config.contentType()).isEqualTo("image/jpeg");
        assertThat(config.inferenceTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.accepts("x/any.png")).isTrue();
        assertThat(config.accepts("x/any.jpg")).isFalse();
        assertThat(config.subject()).isEqualTo("Bird!");
        assertThat(config.aws().region()).isEqualTo("eu-west-1");
        assertThat(config.aws().effectiveS3Endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(config.aws().effectiveSageMakerRuntimeEndpoint()).isEqualTo(URI.create("http://127.0.0.1:9001"));
        assertThat(config.aws().effectiveSnsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:9002"));
    }

    @Test
    void needsNoTopicWhenMessagesGoToTheLog() {
        LambdaConfiguration config = LambdaEnvironment.read(Map.of("SAGEMAKER_ENDPOINT_NAME", "e", "NOTIFY", "log"));

        assertThat(config.notification()).isEqualTo(LambdaConfiguration.Notify.LOG);
        assertThat(config.topicArn()).isNull();
    }

    @Test
    void listsEveryProblemAtOnceEachSayingWhatToSet() {
        Map<String, String> env = Map.of("CERTAINTY_THRESHOLD", "high", "TOP_K", "0");

        assertThatThrownBy(() -> LambdaEnvironment.read(env))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.problems()).containsExactly(
                            "SAGEMAKER_ENDPOINT_NAME is not set; set it to the name of the SageMaker endpoint that "
                                    + "classifies the photos",
                            "SNS_TOPIC_ARN is not set; set it to the ARN of the SNS topic that should receive "
                                    + "identifications (or set NOTIFY=log)",
                            "CERTAINTY_THRESHOLD is 'high'; set it to a number between 0 and 1, e.g. 0.70",
                            "TOP_K is '0'; set it to a whole number of at least 1, e.g. 2");
                });
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("SNS_TOPIC_ARN", "birds", List.of("not an SNS topic ARN", "arn:aws:sns:")),
                Arguments.of("SNS_TOPIC_ARN", "arn:aws:sqs:us-east-1:123456789012:q", List.of("not an SNS topic ARN")),
                Arguments.of("SAGEMAKER_ENDPOINT_NAME", "arn:aws:sagemaker:us-east-1:1:endpoint/x", List.of("not its ARN")),
                Arguments.of("CERTAINTY_THRESHOLD", "1.5", List.of("between 0 and 1")),
                Arguments.of("CERTAINTY_THRESHOLD", "NaN", List.of("between 0 and 1")),
                Arguments.of("TOP_K", "two", List.of("whole number")),
                Arguments.of("MAX_IMAGE_BYTES", "-1", List.of("size in bytes")),
                Arguments.of("MAX_IMAGE_BYTES", "6MB", List.of("size in bytes")),
                Arguments.of("LABELS", "workshop-5", List.of("neither a built-in catalog (workshop-4 or inat-birds) nor a readable")),
                Arguments.of("PRESIGN_URL_TTL", "forever", List.of("duration in seconds")),
                Arguments.of("PRESIGN_URL_TTL", "P8D", List.of("at most 604800 seconds")),
                Arguments.of("INFERENCE_TIMEOUT", "0", List.of("above 0")),
                Arguments.of("INFERENCE", "http", List.of("does not include yet", "'sagemaker'", "'embedded'")),
                Arguments.of("INFERENCE", "gpu", List.of("set it to 'sagemaker'", "'embedded'")),
                Arguments.of("EMBEDDED_THREADS", "0", List.of("whole number from 1 to 64")),
                Arguments.of("EMBEDDED_THREADS", "65", List.of("whole number from 1 to 64")),
                Arguments.of("EMBEDDED_THREADS", "two", List.of("whole number from 1 to 64")),
                Arguments.of("NOTIFY", "webhook", List.of("does not include yet", "'log'")),
                Arguments.of("NOTIFY", "sms", List.of("'sns'")),
                Arguments.of("NOTIFY_WHEN_NO_BIRD", "yes", List.of("true or false")),
                Arguments.of("SNS_SUBJECT", "two\nlines", List.of("printable ASCII")),
                Arguments.of("AWS_ENDPOINT_URL", "localhost:4566", List.of("http(s) URL")),
                Arguments.of("AWS_ENDPOINT_URL_S3", "ftp://127.0.0.1", List.of("http(s) URL")),
                Arguments.of("SIGHTINGS_BUCKET", "My_Bucket", List.of("not an S3 bucket name", "in memory")),
                Arguments.of("SIGHTINGS_BUCKET", "s3://birds", List.of("not an S3 bucket name")),
                Arguments.of("SIGHTINGS_PREFIX", "/fieldmark/", List.of("must not start with '/'", "fieldmark/")),
                Arguments.of("IDEMPOTENCY_BUCKET", "My_Bucket", List.of("not an S3 bucket name", "photo bucket will do")),
                Arguments.of("IDEMPOTENCY_BUCKET", "arn:aws:s3:::feeder", List.of("not an S3 bucket name")),
                Arguments.of("IDEMPOTENCY_PREFIX", "   ", List.of("1 to 900 characters", "fieldmark-idempotency/")),
                Arguments.of("IDEMPOTENCY_CLAIM_TIMEOUT", "0", List.of("above 0")),
                Arguments.of("IDEMPOTENCY_CLAIM_TIMEOUT", "P2D", List.of("at most 86400 seconds")),
                Arguments.of("IDEMPOTENCY_CLAIM_TIMEOUT", "soon", List.of("duration in seconds")),
                Arguments.of("NON_RETRYABLE_TO_DLQ", "maybe", List.of("true or false")));
    }

    @Test
    void keepsClaimsInMemoryUnlessABucketIsNamedAndReadsTheDeliverySettings() {
        LambdaConfiguration.Delivery defaults = LambdaEnvironment.read(with("AWS_REGION", "us-east-1")).delivery();
        Map<String, String> env = new java.util.HashMap<>(with("IDEMPOTENCY_BUCKET", "feeder-photos"));
        env.put("IDEMPOTENCY_PREFIX", "claims/");
        env.put("IDEMPOTENCY_CLAIM_TIMEOUT", "PT20M");
        env.put("NON_RETRYABLE_TO_DLQ", "true");
        LambdaConfiguration.Delivery set = LambdaEnvironment.read(env).delivery();

        assertThat(defaults).isEqualTo(new LambdaConfiguration.Delivery(null, "fieldmark-idempotency/",
                java.time.Duration.ofMinutes(15), false));
        assertThat(set).isEqualTo(new LambdaConfiguration.Delivery("feeder-photos", "claims/",
                java.time.Duration.ofMinutes(20), true));
    }

    @Test
    void refusesMarkersThatTheKeyFilterWouldHandToTheModelAsPhotos() {
        Map<String, String> env = new java.util.HashMap<>(with("IDEMPOTENCY_BUCKET", "feeder-photos"));
        env.put("IDEMPOTENCY_PREFIX", "birds/claims/");
        env.put("S3_KEY_SUFFIX", "");

        assertThatThrownBy(() -> LambdaEnvironment.read(env)).isInstanceOfSatisfying(ConfigurationInvalidException.class,
                e -> assertThat(e.problems()).containsExactly("IDEMPOTENCY_PREFIX is 'birds/claims/', so the claim markers "
                        + "would pass the S3_KEY_PREFIX/S3_KEY_SUFFIX filter and be identified as photos; set it outside "
                        + "S3_KEY_PREFIX ('birds/')"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void refusesABadValueNamingTheVariable(String name, String value, List<String> mentions) {
        assertThatThrownBy(() -> LambdaEnvironment.read(with(name, value)))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0)).startsWith(name + " is").contains(mentions);
                });
    }

    @Test
    void keepsNoBirdLogUnlessAPolicyModeIsSet() {
        assertThat(LambdaEnvironment.read(MINIMAL).policy()).isNull();
        assertThat(LambdaEnvironment.read(with("POLICY_MODE", "off")).policy()).isNull();
    }

    @Test
    void readsTheNotificationPolicy() {
        Map<String, String> env = new HashMap<>(MINIMAL);
        env.putAll(Map.of("POLICY_MODE", "new-species", "POLICY_RECORD_THRESHOLD", "0.4",
                "POLICY_NOTIFY_THRESHOLD", "0.8", "POLICY_SPECIES_THRESHOLDS", "Passer domesticus=0.9",
                "POLICY_ALLOW", "Blue Jay", "POLICY_DENY", "House Sparrow", "POLICY_COOLDOWN_MINUTES", "30",
                "POLICY_SPECIES_COOLDOWNS", "Cyanocitta cristata=5", "POLICY_TIME_ZONE", "America/New_York",
                "POLICY_SOURCE", "garden-cam"));
        env.put("NOTIFY_WHEN_NO_BIRD", "true");

        LambdaConfiguration config = LambdaEnvironment.read(env);

        assertThat(config.policy()).isEqualTo(new NotificationPolicy(NotificationPolicy.Mode.NEW_SPECIES, 0.4, 0.8,
                Map.of("Passer domesticus", 0.9), Set.of("Blue Jay"), Set.of("House Sparrow"), Duration.ofMinutes(30),
                Map.of("Cyanocitta cristata", Duration.ofMinutes(5)), ZoneId.of("America/New_York"), true));
        assertThat(config.policySource()).isEqualTo("garden-cam");
        assertThat(LambdaEnvironment.read(with("POLICY_MODE", "every")).policy())
                .isEqualTo(NotificationPolicy.defaults(ZoneOffset.UTC));
    }

    static Stream<Arguments> badPolicyValues() {
        return Stream.of(
                Arguments.of("POLICY_MODE", "sometimes",
                        "POLICY_MODE is 'sometimes'; set it to every, new-species, first-of-day or off"),
                Arguments.of("POLICY_RECORD_THRESHOLD", "-1",
                        "POLICY_RECORD_THRESHOLD is '-1'; set it to a number between 0 and 1, e.g. 0.3"),
                Arguments.of("POLICY_NOTIFY_THRESHOLD", "sure",
                        "POLICY_NOTIFY_THRESHOLD is 'sure'; set it to a number between 0 and 1, e.g. 0.70"),
                Arguments.of("POLICY_SPECIES_THRESHOLDS", "Passer domesticus:0.9",
                        "POLICY_SPECIES_THRESHOLDS entry 'Passer domesticus:0.9' is not 'Scientific name=value', "
                                + "e.g. 'Passer domesticus=0.9'"),
                Arguments.of("POLICY_COOLDOWN_MINUTES", "1h",
                        "POLICY_COOLDOWN_MINUTES is '1h'; set it to whole minutes from 0 to 10080 (0 turns the cooldown off)"),
                Arguments.of("POLICY_SPECIES_COOLDOWNS", "Passer domesticus=-5",
                        "POLICY_SPECIES_COOLDOWNS entry 'Passer domesticus=-5' needs whole minutes from 0 to 10080 after '='"),
                Arguments.of("POLICY_TIME_ZONE", "Berlin", "POLICY_TIME_ZONE is 'Berlin' is not a time zone; use a "
                        + "region id such as Europe/Berlin or America/New_York, or UTC"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badPolicyValues")
    void refusesABadPolicyValueNamingTheVariable(String name, String value, String problem) {
        Map<String, String> env = with(name, value);
        env.putIfAbsent("POLICY_MODE", "every");

        assertThatThrownBy(() -> LambdaEnvironment.read(env)).isInstanceOfSatisfying(
                ConfigurationInvalidException.class, e -> assertThat(e.problems()).containsExactly(problem));
    }

    @Test
    void refusesALabelsFileWithABlankLineNamingTheLine(@TempDir Path dir) throws IOException {
        Path labels = Files.writeString(dir.resolve("labels.txt"), "Purple Martin\n\nNorthern Cardinal\n");

        assertThatThrownBy(() -> LambdaEnvironment.read(with("LABELS", labels.toString())))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class,
                        e -> assertThat(e.problems().get(0)).startsWith("LABELS names a labels file")
                                .contains("line 2 is blank"));
    }

    private static final Map<String, String> EMBEDDED = Map.of(
            "INFERENCE", "embedded",
            "SNS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:birds");

    /** A class loader that sees only the JDK: what the default fieldmark-lambda.jar offers the embedded model. */
    private static ClassLoader withoutTheEmbeddedModel() {
        return new ClassLoader(ClassLoader.getPlatformClassLoader()) {
        };
    }

    @Test
    void embeddedNeedsNoSageMakerEndpointAndDefaultsToTheBundledModelsCatalog() {
        LambdaConfiguration config = LambdaEnvironment.read(EMBEDDED);

        assertThat(config.inference()).isEqualTo(LambdaConfiguration.Inference.EMBEDDED);
        assertThat(config.endpointName()).isNull();
        assertThat(config.catalog().name()).isEqualTo("inat-birds");
        assertThat(config.catalog().size()).isEqualTo(965);
        assertThat(config.embeddedThreads()).isEqualTo(1);
        assertThat(LambdaEnvironment.read(MINIMAL).catalog()).isSameAs(SpeciesCatalog.WORKSHOP_4);
    }

    @Test
    void readsTheEmbeddedThreadsAndCaseInsensitiveInference() {
        Map<String, String> env = new HashMap<>(EMBEDDED);
        env.put("INFERENCE", "Embedded");
        env.put("EMBEDDED_THREADS", "2");

        LambdaConfiguration config = LambdaEnvironment.read(env);

        assertThat(config.inference()).isEqualTo(LambdaConfiguration.Inference.EMBEDDED);
        assertThat(config.embeddedThreads()).isEqualTo(2);
    }

    @Test
    void anExplicitLabelsFileWinsOverTheBundledCatalog(@TempDir Path dir) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 964; i++) {
            lines.append("Species ").append(i).append('\n');
        }
        lines.append("background\n");
        Path labels = Files.writeString(dir.resolve("mine.txt"), lines);
        Map<String, String> env = new HashMap<>(EMBEDDED);
        env.put("LABELS", labels.toString());

        LambdaConfiguration config = LambdaEnvironment.read(env);

        assertThat(config.catalog().size()).isEqualTo(965);
        assertThat(config.catalog().species(0).name()).isEqualTo("Species 0");
    }

    @Test
    void theBundledCatalogCanBeNamedForASageMakerEndpointServingTheSameModel() {
        LambdaConfiguration config = LambdaEnvironment.read(with("LABELS", "inat-birds"));

        assertThat(config.inference()).isEqualTo(LambdaConfiguration.Inference.SAGEMAKER);
        assertThat(config.catalog().name()).isEqualTo("inat-birds");
    }

    @Test
    void refusesLabelsThatDoNotFitTheEmbeddedModel() {
        Map<String, String> env = new HashMap<>(EMBEDDED);
        env.put("LABELS", "workshop-4");

        assertThatThrownBy(() -> LambdaEnvironment.read(env))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems()).containsExactly(
                        "LABELS is 'workshop-4', which has 4 classes, but the embedded model has 965; unset it (the "
                                + "model's own inat-birds) or give a labels file with one line per model class"));
    }

    @Test
    void refusesEmbeddedInferenceInTheDefaultJarSayingWhichArtifactToDeploy() {
        assertThatThrownBy(() -> LambdaEnvironment.read(EMBEDDED, withoutTheEmbeddedModel()))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.problems()).containsExactly("INFERENCE=embedded needs the fieldmark-lambda-embedded.jar "
                            + "artifact (this function runs the default fieldmark-lambda.jar, which leaves the bird model "
                            + "and ONNX Runtime out to stay small); deploy fieldmark-lambda-embedded.jar or set "
                            + "INFERENCE=sagemaker");
                });
    }

    @Test
    void refusesTheBundledCatalogInTheDefaultJar() {
        assertThatThrownBy(() -> LambdaEnvironment.read(with("LABELS", "inat-birds"), withoutTheEmbeddedModel()))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.problems()).containsExactly("LABELS is 'inat-birds', which only the "
                            + "fieldmark-lambda-embedded.jar artifact includes; deploy that jar, or set it to workshop-4 "
                            + "or a labels file");
                });
    }

    @Test
    void turnsPresignedLinksOffWithZero() {
        assertThat(LambdaEnvironment.read(with("PRESIGN_URL_TTL", "0")).presignTtl()).isNull();
    }
}
