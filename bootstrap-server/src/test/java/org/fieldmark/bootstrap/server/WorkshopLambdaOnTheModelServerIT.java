package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.bootstrap.lambda.FakeLambdaRuntimeApi;
import org.fieldmark.bootstrap.lambda.FunctionProcessEnvironment;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workshop's deployment with Fieldmark as its SageMaker endpoint: Fieldmark's packaged Lambda
 * jar, run by the Lambda runtime interface client against a loopback Runtime API, s3proxy and a
 * loopback SNS, calls {@code fieldmark serve --identification.labels=workshop-4} through the AWS
 * SDK's SageMaker Runtime client with only {@code AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME} pointing at
 * it, and publishes the message the workshop's four-species answer gives, for real photos.
 */
class WorkshopLambdaOnTheModelServerIT {

    static final String HANDLER = "org.fieldmark.bootstrap.lambda.S3EventHandler::handleRequest";
    static final String BUCKET = "feeder";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";
    static final List<String> PHOTOS = List.of("owl.jpg", "parrot.jpg");

    private static S3ProxyServer s3;
    private static FakeSns sns;
    private static FieldmarkModelServer endpoint;

    @TempDir
    Path work;

    @BeforeEach
    void needsThePackagedJar() {
        assumeTrue(System.getProperty("fieldmark.lambda.jar") != null,
                "runs in the integration-test phase, after bootstrap-lambda packaged its jar");
    }

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        for (String photo : PHOTOS) {
            s3.put(BUCKET, "birds/" + photo, ModelServerTest.photo(photo), "image/jpeg");
        }
        sns = new FakeSns(Set.of(TOPIC));
        endpoint = ModelServerTest.serve("--server.port=0", "--identification.labels=workshop-4");
    }

    @AfterAll
    static void stop() {
        s3.close();
        sns.close();
        endpoint.close();
    }

    @Test
    void theUnchangedLambdaPublishesTheWorkshopMessageForRealPhotosFromFieldmarksModel() throws Exception {
        List<String> expected = new ArrayList<>();
        try (EmbeddedOnnxInferenceAdapter model = EmbeddedOnnxInferenceAdapter.bundled(1)) {
            for (String photo : PHOTOS) {
                double[] inat = model.infer(new ImageBytes(ModelServerTest.photo(photo), "image/jpeg")).probabilities();
                expected.add(IdentificationRules.DEFAULT.identify("birds/" + photo,
                        ModelServerTest.workshopShare(inat), SpeciesCatalog.WORKSHOP_4).message());
            }
        }
        try (FakeLambdaRuntimeApi runtime = new FakeLambdaRuntimeApi()) {
            Process function = start(runtime);
            try {
                FakeLambdaRuntimeApi.Outcome outcome = runtime.invoke("req-1", event()).get(2, TimeUnit.MINUTES);

                assertThat(outcome.error()).as(outcome.body()).isFalse();
                assertThat(outcome.body()).contains("\"records\":2", "\"identified\":2");
                assertThat(sns.messages()).containsExactlyElementsOf(expected);
                System.out.println("Published through fieldmark serve: " + sns.messages());
            } finally {
                stop(function);
            }
        }
    }

    private static String event() {
        List<String> records = new ArrayList<>();
        for (String photo : PHOTOS) {
            records.add("{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                    + "\"eventTime\":\"2026-12-02T10:00:00.000Z\",\"eventName\":\"ObjectCreated:Put\","
                    + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"" + BUCKET + "\",\"arn\":"
                    + "\"arn:aws:s3:::" + BUCKET + "\"},\"object\":{\"key\":\"birds/" + photo + "\",\"size\":1024,"
                    + "\"eTag\":\"etag-" + photo + "\",\"sequencer\":\"00000000000000" + photo.length() + "\"}}}");
        }
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    private Process start(FakeLambdaRuntimeApi runtime) throws IOException {
        String jar = System.getProperty("fieldmark.lambda.jar");
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
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER);
        builder.environment().clear();
        builder.environment().putAll(environment(runtime));
        builder.redirectErrorStream(true);
        builder.redirectOutput(work.resolve("function.log").toFile());
        return builder.start();
    }

    /** The workshop's variables and the standard endpoint overrides, nothing else. */
    private Map<String, String> environment(FakeLambdaRuntimeApi runtime) {
        return FunctionProcessEnvironment.of(runtime.address(), work, s3.endpoint(),
                URI.create("http://127.0.0.1:" + endpoint.port()), sns.endpoint(), "bird-classifier", TOPIC);
    }

    private void stop(Process function) throws Exception {
        function.destroy();
        if (!function.waitFor(20, TimeUnit.SECONDS)) {
            function.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        System.out.println(Files.readString(work.resolve("function.log"), StandardCharsets.UTF_8));
    }
}
