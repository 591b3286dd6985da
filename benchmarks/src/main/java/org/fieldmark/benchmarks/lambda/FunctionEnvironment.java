package org.fieldmark.benchmarks.lambda;

import java.nio.file.Path;
import java.util.Map;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.bootstrap.lambda.FakeLambdaRuntimeApi;
import org.fieldmark.bootstrap.lambda.FunctionProcessEnvironment;

/**
 * The environment {@link LambdaBenchmark} starts both functions with: what Lambda sets, the stand-ins'
 * endpoints and credentials, the endpoint and topic, nothing else (no PATH, no profile files).
 */
final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    /** {@code bookkeepingInS3}: claims, outbox and bird log in the photo bucket, as the SAM template sets them. */
    static Map<String, String> of(FakeLambdaRuntimeApi runtime, Path work, S3ProxyServer s3, FakeSageMakerRuntime sageMaker,
                                  FakeSns sns, boolean bookkeepingInS3) {
        Map<String, String> env = FunctionProcessEnvironment.of(runtime.address(), work, s3.endpoint(),
                sageMaker.endpoint(), sns.endpoint(), LambdaBenchmark.ENDPOINT, LambdaBenchmark.TOPIC);
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(LambdaBenchmark.MEMORY_MB));
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("AWS_DEFAULT_REGION", S3ProxyServer.REGION); // Lambda sets both; boto3 reads this one
        if (bookkeepingInS3) {
            // As deploy/template.yaml: claims, outbox and bird log in the photo bucket.
            env.put("IDEMPOTENCY_BUCKET", LambdaBenchmark.BUCKET);
            env.put("IDEMPOTENCY_PREFIX", "fieldmark-idempotency/");
            env.put("SIGHTINGS_BUCKET", LambdaBenchmark.BUCKET);
            env.put("SIGHTINGS_PREFIX", "fieldmark/");
        }
        return env;
    }
}
