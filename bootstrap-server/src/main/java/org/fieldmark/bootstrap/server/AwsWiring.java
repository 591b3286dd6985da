package org.fieldmark.bootstrap.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.s3.S3ImageStorageAdapter;
import org.fieldmark.adapter.aws.s3.S3StorageSettings;
import org.fieldmark.adapter.aws.sagemaker.SageMakerInferenceAdapter;
import org.fieldmark.adapter.aws.sagemaker.SageMakerSettings;
import org.fieldmark.adapter.aws.sns.SnsNotificationAdapter;
import org.fieldmark.adapter.aws.sns.SnsSettings;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.configuration.ServerConfig;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The server's AWS adapters: the same S3, SageMaker Runtime and SNS adapters the Lambda uses,
 * with clients built once from the region and endpoint settings.
 */
final class AwsWiring {

    private final AwsClients clients;
    private final List<AutoCloseable> resources;

    AwsWiring(ServerConfig.Aws aws, List<AutoCloseable> resources) {
        this.clients = new AwsClients(new AwsClientSettings(aws.region(), aws.endpoint(), aws.s3Endpoint(),
                aws.sageMakerRuntimeEndpoint(), aws.snsEndpoint(), 0, null, null));
        this.resources = resources;
    }

    ImageStoragePort storage(String bucket, long maxImageBytes) {
        S3Client s3 = clients.s3();
        resources.add(s3);
        return new BucketStorage(bucket, new S3ImageStorageAdapter(s3, new S3StorageSettings(maxImageBytes)));
    }

    InferencePort inference(String endpoint, String contentType, Duration timeout) {
        SageMakerRuntimeClient client = clients.sageMakerRuntime();
        resources.add(client);
        return new SageMakerInferenceAdapter(client, new SageMakerSettings(endpoint, contentType, timeout));
    }

    /**
     * Reads only the configured bucket: a request without a bucket means that one, a request for
     * another bucket is refused, so the server never reads more than it was set up for.
     */
    private record BucketStorage(String bucket, ImageStoragePort s3) implements ImageStoragePort {
        @Override
        public StoredImage fetch(ImageReference reference) {
            if (!reference.bucket().isEmpty() && !reference.bucket().equals(bucket)) {
                throw new InvalidRequestException("bucket '" + reference.bucket() + "' is not the configured bucket '"
                        + bucket + "'; this server reads only s3.bucket");
            }
            return s3.fetch(new ImageReference(bucket, reference.key()));
        }
    }

    NotificationPort notifier(String topicArn, Function<ImageReference, Optional<String>> links) {
        SnsClient sns = clients.sns();
        resources.add(sns);
        return new SnsNotificationAdapter(sns, SnsSettings.of(topicArn), links);
    }
}
