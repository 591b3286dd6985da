package org.fieldmark.adapter.aws;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the SDK clients the adapters take, once (in Lambda: during init, which SnapStart
 * snapshots). Every client uses the url-connection HTTP client, which starts faster than Apache
 * or Netty and keeps them out of the deployable jar.
 */
public final class AwsClients {

    private final AwsClientSettings settings;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient httpClient;

    /** Credentials from the SDK's default chain (environment, profile, container, instance). */
    public AwsClients(AwsClientSettings settings) {
        this(settings, DefaultCredentialsProvider.builder().build());
    }

    public AwsClients(AwsClientSettings settings, AwsCredentialsProvider credentials) {
        this(settings, credentials, null);
    }

    /**
     * Clients that send every request through {@code httpClient} (shared, not closed with them)
     * instead of a url-connection client each: for SnapStart priming, which answers in memory.
     */
    public AwsClients(AwsClientSettings settings, AwsCredentialsProvider credentials, SdkHttpClient httpClient) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.httpClient = httpClient;
    }

    public S3Client s3() {
        S3ClientBuilder builder = configure(S3Client.builder(), settings.effectiveS3Endpoint());
        if (settings.effectiveS3Endpoint() != null) {
            // S3 stand-ins (s3proxy, MinIO, LocalStack) serve buckets by path, not by host name,
            // and not all of them speak the newer flexible checksums. Nor do they all read a whole
            // aws-chunked body, which the SDK sends over plain http: s3proxy stops at the last chunk
            // and leaves the CRLF after it unread, so Jetty closes the connection after answering,
            // and the next PUT on it, which the JDK kept alive, fails with "Error writing request
            // body to server" (the JDK re-checks a kept-alive connection only for streaming POSTs).
            // A plain body signed with its SHA-256 is read to the end.
            builder.forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(c -> c.chunkedEncodingEnabled(false));
        }
        return builder.build();
    }

    public SageMakerRuntimeClient sageMakerRuntime() {
        return configure(SageMakerRuntimeClient.builder(), settings.effectiveSageMakerRuntimeEndpoint()).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder(), settings.effectiveSnsEndpoint()).build();
    }

    /** Signs GET URLs for images, addressed like {@link #s3()}. */
    public S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder().credentialsProvider(credentials);
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        URI endpoint = settings.effectiveS3Endpoint();
        if (endpoint != null) {
            builder.endpointOverride(endpoint)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, URI endpoint) {
        if (httpClient != null) {
            builder.httpClient(httpClient);
        } else {
            builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.socketTimeout()));
        }
        builder.credentialsProvider(credentials);
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (settings.maxAttempts() > 0) {
            builder.overrideConfiguration(o -> o.retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build()));
        }
        return builder;
    }
}
