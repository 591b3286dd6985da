package org.fieldmark.bootstrap.lambda;

import java.time.Duration;
import java.util.Objects;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.s3.S3SightingSettings;
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
 * @param policy             the notification policy ({@code POLICY_*}); {@code null} keeps no bird log and
 *                           notifies every photo, as the workshop did
 * @param policySource       the camera or source name on sightings ({@code POLICY_SOURCE}), {@code null} for
 *                           the bucket
 */
public record LambdaConfiguration(Inference inference, Notify notification, String endpointName, String contentType,
                                  Duration inferenceTimeout, String topicArn, String subject, SpeciesCatalog catalog,
                                  IdentificationRules rules, long maxImageBytes, boolean notifyWhenNoBird,
                                  Duration presignTtl, String keyPrefix, String keySuffix, AwsClientSettings aws,
                                  int embeddedThreads, S3SightingSettings sightings,
                                  NotificationPolicy policy, String policySource) {

    /** The models the Lambda build can run. */
    public enum Inference { SAGEMAKER, EMBEDDED }

    /** Where the Lambda build can send messages. */
    public enum Notify { SNS, LOG }

    public LambdaConfiguration {
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(keySuffix, "keySuffix");
        Objects.requireNonNull(aws, "aws");
        if (embeddedThreads < 1) {
            throw new IllegalArgumentException("embeddedThreads must be at least 1, not " + embeddedThreads);
        }
    }

    /** {@code true} when the key passes the prefix and suffix filter. */
    public boolean accepts(String key) {
        return key.startsWith(keyPrefix) && key.endsWith(keySuffix);
    }
}
