package org.fieldmark.benchmarks.lambda;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.bootstrap.lambda.FakeLambdaRuntimeApi;

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
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        env.put("LAMBDA_TASK_ROOT", work.toString());
        env.put("HOME", work.toString());
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "fieldmark");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(LambdaBenchmark.MEMORY_MB));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/fieldmark");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("AWS_REGION", S3ProxyServer.REGION);
        env.put("AWS_DEFAULT_REGION", S3ProxyServer.REGION); // Lambda sets both; boto3 reads this one
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sageMaker.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint().toString());
        env.put("SAGEMAKER_ENDPOINT_NAME", LambdaBenchmark.ENDPOINT);
        env.put("SNS_TOPIC_ARN", LambdaBenchmark.TOPIC);
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
