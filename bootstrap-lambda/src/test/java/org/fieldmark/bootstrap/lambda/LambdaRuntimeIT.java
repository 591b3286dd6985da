package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.bootstrap.lambda.FakeLambdaRuntimeApi.Outcome;
import org.fieldmark.bootstrap.lambda.S3Events.Rec;
import org.fieldmark.wire.json.JsonText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run the way Lambda runs it: a child JVM with the AWS Lambda runtime interface
 * client (its native part included), the handler string of the README, only the documented
 * variables and the standard endpoint overrides, against a loopback Runtime API, s3proxy and the
 * loopback SageMaker Runtime and SNS.
 */
class LambdaRuntimeIT {

    static final String HANDLER = "org.fieldmark.bootstrap.lambda.S3EventHandler::handleRequest";
    static final String BUCKET = "feeder";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";
    static final String ENDPOINT = "bird-classifier";

    private static S3ProxyServer s3;
    private static FakeSageMakerRuntime sageMaker;
    private static FakeSns sns;

    @TempDir
    Path work;

    @BeforeEach
    void needsThePackagedJar() {
        // Failsafe names the shaded jar after `package`; a unit-test run (surefire) has none to run.
        assumeTrue(System.getProperty("fieldmark.lambda.jar") != null,
                "runs in the integration-test phase, after package built the shaded jar");
    }

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        s3.put(BUCKET, "birds/card.jpg", ImageSamples.jpeg(1000), "image/jpeg");
        s3.put(BUCKET, "birds/x.jpg", ImageSamples.jpeg(1001), "image/jpeg");
        sageMaker = new FakeSageMakerRuntime(Set.of(ENDPOINT), "[]");
        sageMaker.answerWith(S3EventHandlerTest::modelAnswer);
        sns = new FakeSns(Set.of(TOPIC));
    }

    @AfterAll
    static void stop() {
        s3.close();
        sageMaker.close();
        sns.close();
    }

    @Test
    void identifiesEveryRecordOfAnEventPublishesTheOriginalsMessagesAndReportsTheFailedRecord() throws Exception {
        try (FakeLambdaRuntimeApi runtime = new FakeLambdaRuntimeApi()) {
            Process function = start(runtime, environment(runtime));
            try {
                String event = S3Events.json(Rec.created(BUCKET, "birds/card.jpg"), Rec.created(BUCKET, "birds/gone.jpg"),
                        Rec.created(BUCKET, "birds/x.jpg"));
                Outcome first = runtime.invoke("req-1", event).get(2, TimeUnit.MINUTES);

                assertThat(first.error()).isTrue();
                assertThat(first.body()).contains("\"errorType\":\"org.fieldmark.bootstrap.lambda.RecordsFailedException\"",
                        "1 of 3 records failed, 2 identified: feeder/birds/gone.jpg (IMAGE_NOT_FOUND: ");
                assertThat(sns.published()).extracting(FakeSns.Publish::topicArn).containsOnly(TOPIC);
                assertThat(sns.messages()).containsExactly(
                        "Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
                        "Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
                assertThat(sageMaker.invocations()).extracting(FakeSageMakerRuntime.Invocation::contentType)
                        .containsOnly("application/x-image");

                // Lambda retries the event; by now the missing photo has arrived.
                s3.put(BUCKET, "birds/gone.jpg", ImageSamples.jpeg(1000), "image/jpeg");
                Outcome retry = runtime.invoke("req-2", event).get(2, TimeUnit.MINUTES);

                assertThat(retry.error()).as(retry.body()).isFalse();
                assertThat(retry.body()).contains("\"records\":3", "\"identified\":1", "\"alreadyDone\":2");
                assertThat(sns.messages()).containsExactly(
                        "Bird [birds/card.jpg] is a: Northern Cardinal(0.94)",
                        "Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)",
                        "Bird [birds/gone.jpg] is a: Northern Cardinal(0.94)");

                // An event the runtime cannot even read fails that invocation only.
                Outcome malformed = runtime.invoke("req-3", "{\"Records\": [{\"s3\": ").get(2, TimeUnit.MINUTES);
                Outcome after = runtime.invoke("req-4", S3Events.testEvent()).get(2, TimeUnit.MINUTES);

                assertThat(malformed.error()).isTrue();
                assertThat(after.error()).as(after.body()).isFalse();
                assertThat(sns.messages()).hasSize(3);
            } finally {
                stop(function);
            }
            String output = Files.readString(work.resolve("function.log"), StandardCharsets.UTF_8);
            assertThat(output).contains("\"requestId\":\"req-1\",\"event\":\"image.identified\"",
                    "\"requestId\":\"req-1\",\"event\":\"record.failed\"");
        }
    }

    @Test
    void theSqsHandlerPublishesOncePerPhotoWhenEveryEventIsDeliveredTwiceShuffledAcrossBatchesAndContainers()
            throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add("birds/replay-" + i + ".jpg");
            s3.put(BUCKET, keys.get(i), ImageSamples.jpeg(i % 2 == 0 ? 1000 : 1001), "image/jpeg");
        }
        List<String[]> messages = new ArrayList<>();
        for (String key : keys) {
            String event = S3Events.json(Rec.created(BUCKET, key));
            messages.add(new String[] {"a-" + key, event});
            messages.add(new String[] {"b-" + key, FaultInjectionTest.snsEnvelope(event)});
        }
        java.util.Collections.shuffle(messages, new java.util.Random(6));
        try (FakeSns topic = new FakeSns(Set.of(TOPIC))) {
            List<String> responses = new ArrayList<>();
            // Two containers, as Lambda scales out: the claims in the bucket are what they share.
            for (int container = 0; container < 2; container++) {
                try (FakeLambdaRuntimeApi runtime = new FakeLambdaRuntimeApi()) {
                    Map<String, String> env = environment(runtime);
                    env.put("AWS_ENDPOINT_URL_SNS", topic.endpoint().toString());
                    env.put("IDEMPOTENCY_BUCKET", BUCKET);
                    Process function = start(runtime, env, System.getProperty("fieldmark.lambda.jar"),
                            "org.fieldmark.bootstrap.lambda.SqsEventHandler::handleRequest");
                    try {
                        // The first container gets the first half of the batches, the second the rest: each
                        // container also meets duplicates the other one already handled.
                        for (int batch = container * 3; batch < container * 3 + 3; batch++) {
                            Outcome outcome = runtime.invoke("sqs-" + batch, sqsBatch(messages.subList(batch * 4,
                                    batch * 4 + 4))).get(2, TimeUnit.MINUTES);
                            assertThat(outcome.error()).as(outcome.body()).isFalse();
                            responses.add(outcome.body());
                        }
                    } finally {
                        stop(function);
                    }
                }
            }

            assertThat(responses).containsOnly("{\"batchItemFailures\":[]}");
            assertThat(topic.messages()).hasSize(keys.size()).doesNotHaveDuplicates();
            assertThat(topic.messages()).allSatisfy(m -> assertThat(m).startsWith("Bird [birds/replay-"));
        }
    }

    /** An SQS event as Lambda's poller hands it to the function. */
    private static String sqsBatch(List<String[]> messages) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < messages.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"messageId\":")
                    .append(JsonText.of(messages.get(i)[0]))
                    .append(",\"receiptHandle\":\"AQEB\",\"body\":")
                    .append(JsonText.of(messages.get(i)[1]))
                    .append(",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},\"messageAttributes\":{},"
                            + "\"md5OfBody\":\"x\",\"eventSource\":\"aws:sqs\",\"eventSourceARN\":"
                            + "\"arn:aws:sqs:us-east-1:123456789012:photos\",\"awsRegion\":\"us-east-1\"}");
        }
        return json.append("]}").toString();
    }

    @Test
    void reportsAMissingTopicToTheInitErrorEndpointWithASentenceSayingWhatToSet() throws Exception {
        try (FakeLambdaRuntimeApi runtime = new FakeLambdaRuntimeApi()) {
            Map<String, String> env = environment(runtime);
            env.remove("SNS_TOPIC_ARN");
            Process function = start(runtime, env);
            try {
                Outcome init = runtime.initError().get(2, TimeUnit.MINUTES);

                assertThat(init.body()).contains("ConfigurationInvalidException",
                        "SNS_TOPIC_ARN is not set; set it to the ARN of the SNS topic that should receive identifications");
            } finally {
                stop(function);
            }
        }
    }

    @Test
    void theEmbeddedJarIdentifiesPhotosWithTheBundledModelAndNoSageMakerEndpoint() throws Exception {
        s3.put(BUCKET, "birds/owl.jpg", EmbeddedS3EventHandlerTest.photo("owl.jpg"), "image/jpeg");
        s3.put(BUCKET, "birds/parrot.jpg", EmbeddedS3EventHandlerTest.photo("parrot.jpg"), "image/jpeg");
        // Its own SNS, so the messages of the other tests do not mix in.
        try (FakeLambdaRuntimeApi runtime = new FakeLambdaRuntimeApi(); FakeSns topic = new FakeSns(Set.of(TOPIC))) {
            Map<String, String> env = embeddedEnvironment(runtime);
            env.put("AWS_ENDPOINT_URL_SNS", topic.endpoint().toString());
            int invocationsBefore = sageMaker.invocations().size();
            Process function = start(runtime, env, System.getProperty("fieldmark.lambda.embedded.jar"));
            try {
                String event = S3Events.json(Rec.created(BUCKET, "birds/owl.jpg"), Rec.created(BUCKET, "birds/parrot.jpg"));
                Outcome outcome = runtime.invoke("req-e1", event).get(2, TimeUnit.MINUTES);

                assertThat(outcome.error()).as(outcome.body()).isFalse();
                assertThat(outcome.body()).contains("\"records\":2", "\"identified\":2");
                assertThat(topic.messages()).containsExactly(
                        "Bird [birds/owl.jpg] is a: Burrowing Owl(0.96)",
                        "Bird [birds/parrot.jpg] is a: Scarlet Macaw(0.77)");
                assertThat(sageMaker.invocations()).hasSize(invocationsBefore);
            } finally {
                stop(function);
            }
            String output = Files.readString(work.resolve("function.log"), StandardCharsets.UTF_8);
            assertThat(output).contains("\"event\":\"function.initialised\"", "\"inference\":\"embedded\"",
                    "\"catalog\":\"inat-birds\"");
        }
    }

    @Test
    void theDefaultJarRefusesEmbeddedInferenceAtInitNamingTheEmbeddedArtifact() throws Exception {
        try (FakeLambdaRuntimeApi runtime = new FakeLambdaRuntimeApi()) {
            Process function = start(runtime, embeddedEnvironment(runtime), System.getProperty("fieldmark.lambda.jar"));
            try {
                Outcome init = runtime.initError().get(2, TimeUnit.MINUTES);

                assertThat(init.body()).contains("ConfigurationInvalidException",
                        "INFERENCE=embedded needs the fieldmark-lambda-embedded.jar artifact (");
            } finally {
                stop(function);
            }
        }
    }

    /** INFERENCE=embedded and nothing about SageMaker. */
    private Map<String, String> embeddedEnvironment(FakeLambdaRuntimeApi runtime) {
        Map<String, String> env = environment(runtime);
        env.remove("SAGEMAKER_ENDPOINT_NAME");
        env.remove("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME");
        env.put("INFERENCE", "embedded");
        return env;
    }

    private Map<String, String> environment(FakeLambdaRuntimeApi runtime) {
        return FunctionProcessEnvironment.of(runtime.address(), work, s3.endpoint(), sageMaker.endpoint(),
                sns.endpoint(), ENDPOINT, TOPIC);
    }

    private Process start(FakeLambdaRuntimeApi runtime, Map<String, String> env) throws IOException {
        return start(runtime, env, System.getProperty("fieldmark.lambda.jar"));
    }

    private Process start(FakeLambdaRuntimeApi runtime, Map<String, String> env, String jar) throws IOException {
        return start(runtime, env, jar, HANDLER);
    }

    private Process start(FakeLambdaRuntimeApi runtime, Map<String, String> env, String jar, String handler)
            throws IOException {
        assertThat(Path.of(jar)).exists();
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("aws-lambda-java-runtime-interface-client") || name.startsWith("aws-lambda-java-serialization")
                    || name.startsWith("aws-lambda-java-core") || name.startsWith("utils-lite")) {
                classpath.add(entry);
            }
        }
        assertThat(classpath).hasSize(4);
        classpath.add(jar);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", String.join(File.pathSeparator, classpath),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(work.resolve("function.log").toFile());
        return builder.start();
    }

    private void stop(Process function) throws Exception {
        function.destroy();
        if (!function.waitFor(20, TimeUnit.SECONDS)) {
            function.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        System.out.println(Files.readString(work.resolve("function.log"), StandardCharsets.UTF_8));
    }
}
