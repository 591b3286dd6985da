package org.fieldmark.bootstrap.lambda;

import java.time.Duration;
import java.util.Objects;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.s3.S3SightingSettings;
import org.fieldmark.configuration.LocatorSettings;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.NotificationPolicy;

/**
 * Everything the function needs to know, checked, read once at init by {@link LambdaEnvironment}.
 *
 * @param inference          which model runs ({@code INFERENCE})
 * @param notification       where messages go ({@code NOTIFY})
 * @param endpointName       SageMaker endpoint ({@code SAGEMAKER_ENDPOINT_NAME}), {@code null} unless SageMaker
 *                           (with {@code INFERENCE=embedded} the bundled model runs in the function)
 * @param contentType        content type the image is sent to SageMaker as ({@code SAGEMAKER_CONTENT_TYPE})
 * @param inferenceTimeout   limit for one model call, retries included ({@code INFERENCE_TIMEOUT})
 * @param topicArn           SNS topic ({@code SNS_TOPIC_ARN}), {@code null} unless SNS
 * @param subject            SNS subject ({@code SNS_SUBJECT}), {@code null} for none
 * @param catalog            the model's classes ({@code LABELS})
 * @param rules              threshold and K ({@code CERTAINTY_THRESHOLD}, {@code TOP_K})
 * @param maxImageBytes      size limit ({@code MAX_IMAGE_BYTES})
 * @param notifyWhenNoBird   notify also when the top class is not a bird ({@code NOTIFY_WHEN_NO_BIRD})
 * @param presignTtl         lifetime of the image link appended to messages, {@code null} for no link
 *                           ({@code PRESIGN_URL_TTL})
 * @param keyPrefix          only keys starting with this are identified ({@code S3_KEY_PREFIX})
 * @param keySuffix          only keys ending with this are identified ({@code S3_KEY_SUFFIX})
 * @param aws                region and endpoint overrides ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL*})
 * @param embeddedThreads    ONNX Runtime threads of the embedded model ({@code EMBEDDED_THREADS})
 * @param sightings          the S3 bird log ({@code SIGHTINGS_BUCKET}, {@code SIGHTINGS_PREFIX}); {@code null}
 *                           keeps it in memory, per container
 * @param delivery           how duplicate deliveries and failed records are handled ({@code IDEMPOTENCY_*},
 *                           {@code NON_RETRYABLE_TO_DLQ})
 * @param policy             the notification policy ({@code POLICY_*}); {@code null} keeps no bird log and
 *                           notifies every photo, as the workshop did
 * @param policySource       the camera or source name on sightings ({@code POLICY_SOURCE}), {@code null} for
 *                           the bucket
 * @param locator            how the bird is found before it is named ({@code LOCATOR*})
 */
public record LambdaConfiguration(Inference inference, Notify notification, String endpointName, String contentType,
                                  Duration inferenceTimeout, String topicArn, String subject, SpeciesCatalog catalog,
                                  IdentificationRules rules, long maxImageBytes, boolean notifyWhenNoBird,
                                  Duration presignTtl, String keyPrefix, String keySuffix, AwsClientSettings aws,
                                  int embeddedThreads, S3SightingSettings sightings, Delivery delivery,
                                  NotificationPolicy policy, String policySource,
                                  LocatorSettings locator) {

    /** The models the Lambda build can run. */
    public enum Inference { SAGEMAKER, EMBEDDED }

    /** Where the Lambda build can send messages. */
    public enum Notify { SNS, LOG }

    /**
     * How deliveries are made idempotent and failures reported.
     *
     * @param idempotencyBucket bucket of the claim markers ({@code IDEMPOTENCY_BUCKET}); {@code null} keeps
     *                          claims in the container's memory, which catches only the duplicates it sees itself
     * @param idempotencyPrefix key prefix of the markers ({@code IDEMPOTENCY_PREFIX})
     * @param claimTimeout      after this an unfinished claim may be taken over ({@code IDEMPOTENCY_CLAIM_TIMEOUT})
     * @param nonRetryableToDlq report SQS messages that can never succeed as failed, so that the queue's redrive
     *                          policy moves them to the dead-letter queue ({@code NON_RETRYABLE_TO_DLQ})
     */
    public record Delivery(String idempotencyBucket, String idempotencyPrefix, Duration claimTimeout,
                           boolean nonRetryableToDlq) {
        public Delivery {
            Objects.requireNonNull(idempotencyPrefix, "idempotencyPrefix");
            Objects.requireNonNull(claimTimeout, "claimTimeout");
        }
    }

    public LambdaConfiguration {
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(keySuffix, "keySuffix");
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(locator, "locator");
        if (embeddedThreads < 1) {
            throw new IllegalArgumentException("embeddedThreads must be at least 1, not " + embeddedThreads);
        }
    }

    /** {@code true} when the key passes the prefix and suffix filter. */
    public boolean accepts(String key) {
        return key.startsWith(keyPrefix) && key.endsWith(keySuffix);
    }
}
