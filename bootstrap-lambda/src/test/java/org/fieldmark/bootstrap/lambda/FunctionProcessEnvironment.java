package org.fieldmark.bootstrap.lambda;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;

/**
 * The environment Lambda gives a function process, for a packaged function run under the runtime
 * interface client against loopback stand-ins: the runtime's own variables, s3proxy's region and
 * keys, no profile files or instance metadata, the standard endpoint overrides, and the workshop's
 * two variables. Callers add or remove what their case needs (INFERENCE=embedded, bookkeeping
 * buckets). Shared by {@code LambdaRuntimeIT}, bootstrap-server's
 * {@code WorkshopLambdaOnTheModelServerIT} and the Lambda benchmark.
 */
public final class FunctionProcessEnvironment {

    private FunctionProcessEnvironment() {
    }

    /**
     * @param runtimeApi the Runtime API's {@code host:port}
     * @param work       the function's task root and home
     * @param s3         s3proxy's endpoint
     * @param sageMaker  the SageMaker Runtime stand-in's endpoint
     * @param sns        the SNS stand-in's endpoint
     * @param endpoint   {@code SAGEMAKER_ENDPOINT_NAME}
     * @param topicArn   {@code SNS_TOPIC_ARN}
     */
    public static Map<String, String> of(String runtimeApi, Path work, URI s3, URI sageMaker, URI sns,
                                         String endpoint, String topicArn) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", work.toString());
        env.put("HOME", work.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "fieldmark");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/fieldmark");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "test");
        env.put("AWS_REGION", S3ProxyServer.REGION);
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_ENDPOINT_URL_S3", s3.toString());
        env.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", sageMaker.toString());
        env.put("AWS_ENDPOINT_URL_SNS", sns.toString());
        env.put("SAGEMAKER_ENDPOINT_NAME", endpoint);
        env.put("SNS_TOPIC_ARN", topicArn);
        return env;
    }
}
