package org.fieldmark.adapter.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link AwsClients} builds SDK clients. Bootstraps fill it from their configuration (for
 * Lambda: {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_S3}, ...); adapters never read it.
 *
 * @param region                   region name such as {@code eu-west-1}, {@code null} for the SDK's
 *                                 default region provider chain ({@code AWS_REGION} in Lambda)
 * @param endpoint                 endpoint for every service, {@code null} for AWS's own
 * @param s3Endpoint               S3 endpoint, {@code null} to use {@code endpoint}; when either is
 *                                 set S3 is addressed path-style ({@code http://host/bucket/key})
 * @param sageMakerRuntimeEndpoint SageMaker Runtime endpoint, {@code null} to use {@code endpoint}
 * @param snsEndpoint              SNS endpoint, {@code null} to use {@code endpoint}
 * @param maxAttempts              attempts per call including the first, 0 for the SDK default (3)
 * @param connectTimeout           TCP connect timeout
 * @param socketTimeout            read timeout per attempt
 */
public record AwsClientSettings(String region, URI endpoint, URI s3Endpoint, URI sageMakerRuntimeEndpoint,
                                URI snsEndpoint, int maxAttempts, Duration connectTimeout, Duration socketTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(70);

    public AwsClientSettings {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be 0 (SDK default) or more, got " + maxAttempts);
        }
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        socketTimeout = socketTimeout == null ? DEFAULT_SOCKET_TIMEOUT : socketTimeout;
        region = region == null || region.isBlank() ? null : region;
    }

    /** AWS's own endpoints, region and credentials from the standard chains, SDK retries. */
    public static AwsClientSettings defaults() {
        return new AwsClientSettings(null, null, null, null, null, 0, null, null);
    }

    /** Every service at {@code endpoint} (a local stand-in), in {@code region}. */
    public static AwsClientSettings local(String region, URI endpoint) {
        return new AwsClientSettings(region, Objects.requireNonNull(endpoint, "endpoint"), null, null, null, 0, null,
                null);
    }

    /** These settings with another number of attempts per call. */
    public AwsClientSettings withMaxAttempts(int attempts) {
        return new AwsClientSettings(region, endpoint, s3Endpoint, sageMakerRuntimeEndpoint, snsEndpoint, attempts,
                connectTimeout, socketTimeout);
    }

    /** These settings with a separate S3, SageMaker Runtime and SNS endpoint ({@code null} keeps the general one). */
    public AwsClientSettings withServiceEndpoints(URI s3, URI sageMakerRuntime, URI sns) {
        return new AwsClientSettings(region, endpoint, s3, sageMakerRuntime, sns, maxAttempts, connectTimeout,
                socketTimeout);
    }

    /** The S3 endpoint override in force, or {@code null}. */
    public URI effectiveS3Endpoint() {
        return s3Endpoint != null ? s3Endpoint : endpoint;
    }

    /** The SageMaker Runtime endpoint override in force, or {@code null}. */
    public URI effectiveSageMakerRuntimeEndpoint() {
        return sageMakerRuntimeEndpoint != null ? sageMakerRuntimeEndpoint : endpoint;
    }

    /** The SNS endpoint override in force, or {@code null}. */
    public URI effectiveSnsEndpoint() {
        return snsEndpoint != null ? snsEndpoint : endpoint;
    }
}
