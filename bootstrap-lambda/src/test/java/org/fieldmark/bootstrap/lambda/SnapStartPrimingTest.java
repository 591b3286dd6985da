package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.bootstrap.lambda.PrimingHttpClient.Answered;
import org.fieldmark.wire.json.ModelOutputJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SnapStart priming runs the real event path against in-memory answers only. The function's own
 * endpoints are real loopback servers here, so a priming request that reached them would show.
 */
class SnapStartPrimingTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:birds";
    static final String ENDPOINT = "bird-classifier";

    private static S3ProxyServer s3;
    private static FakeSageMakerRuntime sageMaker;
    private static FakeSns sns;

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket(SnapStartPriming.BUCKET);
        sageMaker = new FakeSageMakerRuntime(Set.of(ENDPOINT), "[0.02, 0.94, 0.03, 0.01]");
        sns = new FakeSns(Set.of(TOPIC));
    }

    @AfterAll
    static void stop() {
        s3.close();
        sageMaker.close();
        sns.close();
    }

    private static LambdaConfiguration configuration() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", S3ProxyServer.REGION);
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sageMaker.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        env.put("SAGEMAKER_ENDPOINT_NAME", ENDPOINT);
        env.put("SNS_TOPIC_ARN", TOPIC);
        return LambdaEnvironment.read(env);
    }

    @Test
    void runsTheHandlerTheDomainAndEveryAdapterInMemoryAndReachesNoRealEndpoint() {
        PrimingHttpClient http = new SnapStartPriming(configuration(), new JsonLog(System.out)).prime();

        assertThat(http.answered()).hasSize(3 * SnapStartPriming.RUNS);
        assertThat(http.answered()).filteredOn(a -> a.host().equals(PrimingHttpClient.S3_HOST))
                .hasSize(SnapStartPriming.RUNS)
                .allMatch(a -> a.method().equals("GET") && a.path().equals("/fieldmark-priming/birds/priming.jpg"));
        assertThat(http.answered()).filteredOn(a -> a.host().equals(PrimingHttpClient.SAGEMAKER_HOST))
                .hasSize(SnapStartPriming.RUNS)
                .allMatch(a -> a.path().equals("/endpoints/fieldmark-priming/invocations"));
        // The domain ranked the answer and built the message the real function would publish.
        assertThat(http.answered()).filteredOn(a -> a.host().equals(PrimingHttpClient.SNS_HOST))
                .hasSize(SnapStartPriming.RUNS)
                .extracting(SnapStartPrimingTest::decodedForm)
                .allMatch(form -> form.contains("Action=Publish")
                        && form.contains("Message=Bird [birds/priming.jpg] is a: Purple Martin(0.92)")
                        && form.contains("TopicArn=arn:aws:sns:us-east-1:000000000000:fieldmark-priming"));
        assertThat(sageMaker.requestCount()).isZero();
        assertThat(sns.requestCount()).isZero();
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void primesTheSamePathWhateverBucketsPolicyOrNotifierTheFunctionIsGiven() {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", S3ProxyServer.REGION,
                "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(), "SAGEMAKER_ENDPOINT_NAME", ENDPOINT,
                "NOTIFY", "log", "SIGHTINGS_BUCKET", "bird-log", "IDEMPOTENCY_BUCKET", "claims", "POLICY_MODE", "every",
                "S3_KEY_PREFIX", "elsewhere/"));

        PrimingHttpClient http = new SnapStartPriming(LambdaEnvironment.read(env), new JsonLog(System.out)).prime();

        // Still one GET, one InvokeEndpoint and one Publish per run: no claim, outbox or log write reached S3.
        assertThat(http.answered()).hasSize(3 * SnapStartPriming.RUNS);
        assertThat(http.answered()).filteredOn(a -> a.host().equals(PrimingHttpClient.SNS_HOST))
                .hasSize(SnapStartPriming.RUNS);
    }

    @Test
    void signsWithThePlaceholderKeyNotTheFunctionsCredentials() {
        PrimingHttpClient http = new SnapStartPriming(configuration(), new JsonLog(System.out)).prime();

        assertThat(http.answered()).isNotEmpty().extracting(Answered::authorization)
                .allMatch(authorization -> authorization.startsWith("AWS4-HMAC-SHA256 Credential=priming/"));
    }

    @Test
    void beforeCheckpointPrimesAndLogsOneLineWithoutThePrimingEventsOwnLogLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapStartPriming priming = new SnapStartPriming(configuration(), new JsonLog(new PrintStream(out, true, StandardCharsets.UTF_8)));

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        String log = out.toString(StandardCharsets.UTF_8);
        assertThat(log.lines()).hasSize(2);
        assertThat(log).contains("\"event\":\"function.primed\"", "\"requestsAnsweredInMemory\":" + 3 * SnapStartPriming.RUNS,
                "\"event\":\"function.restored\"");
        assertThat(log).doesNotContain("image.identified", "priming.jpg");
        assertThat(sns.requestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 965, 10_000})
    void theModelAnswerFitsAnyCatalogSizeAndIsConfidentInTheFirstClass(int classes) {
        double[] answer = ModelOutputJson.parse(PrimingHttpClient.confidentAnswer(classes));

        assertThat(answer).hasSize(classes);
        assertThat(answer[0]).isGreaterThan(0.9);
        assertThat(java.util.Arrays.stream(answer).sum()).isBetween(0.99, 1.01);
    }

    private static String decodedForm(Answered answered) {
        return URLDecoder.decode(answered.body(), StandardCharsets.UTF_8);
    }
}
