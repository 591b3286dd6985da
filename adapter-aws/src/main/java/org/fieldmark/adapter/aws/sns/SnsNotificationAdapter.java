package org.fieldmark.adapter.aws.sns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.fieldmark.adapter.aws.AwsErrors;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.sighting.DailyDigest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Publishes the identification's message to an SNS topic, exactly as the workshop Lambda did,
 * plus message attributes ({@code species}, {@code confidence}, {@code confident}, and from the
 * bird log {@code sightingId}, {@code reason}, plus {@code imageUrl} when there is a link) that
 * subscribers can filter on; the text people read is unchanged. FIFO topics get the bucket as message group and a deduplication id
 * derived from bucket, key and ETag, so a retried record is delivered once. A failed publish is a
 * {@link NotificationFailedException}, retryable when SNS throttled or failed on its side.
 */
public final class SnsNotificationAdapter implements NotificationPort {

    private final SnsClient sns;
    private final SnsSettings settings;
    private final Function<ImageReference, Optional<String>> links;

    public SnsNotificationAdapter(SnsClient sns, SnsSettings settings) {
        this(sns, settings, image -> Optional.empty());
    }

    /**
     * With a link to the image appended to the message on a line of its own (e.g. an
     * {@code S3PresignedLinks::linkFor}).
     */
    public SnsNotificationAdapter(SnsClient sns, SnsSettings settings, Function<ImageReference, Optional<String>> links) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.links = Objects.requireNonNull(links, "links");
    }

    @Override
    public void publish(IdentificationResult result) {
        Objects.requireNonNull(result, "result");
        Optional<String> link = links.apply(result.source());
        String message = result.message() + link.map(l -> "\n" + l).orElse("");
        RankedPrediction top = result.identification().top();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("species", text(top.name()));
        attributes.put("confidence", MessageAttributeValue.builder().dataType("Number")
                .stringValue(confidence(top.probability())).build());
        attributes.put("confident", text(Boolean.toString(result.identification().confident())));
        if (result.sighting() != null) {
            attributes.put("sightingId", text(result.sighting().id()));
            attributes.put("reason", text(result.sighting().reason()));
        }
        link.ifPresent(l -> attributes.put("imageUrl", text(l)));
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(settings.topicArn())
                .message(message)
                .messageAttributes(attributes);
        if (settings.fifo()) {
            String bucket = result.source().bucket();
            request.messageGroupId(bucket.isEmpty() ? "fieldmark" : bucket)
                    .messageDeduplicationId(sha256(result.source().bucket() + "\n" + result.source().key() + "\n"
                            + (result.version() == null ? "" : result.version())));
        }
        send(request, "the message about '" + result.source().key() + "'");
    }

    /**
     * Publishes the digest's text as the message (what SMS and e-mail subscribers read), with
     * attributes {@code type=digest}, {@code date} and {@code sightings}. FIFO topics get the
     * group {@code fieldmark-digest} and a deduplication id from the date and text.
     */
    @Override
    public void publishDigest(DailyDigest digest) {
        Objects.requireNonNull(digest, "digest");
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("type", text("digest"));
        attributes.put("date", text(digest.date().toString()));
        attributes.put("sightings", MessageAttributeValue.builder().dataType("Number")
                .stringValue(Integer.toString(digest.sightings())).build());
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(settings.topicArn())
                .message(digest.message())
                .messageAttributes(attributes);
        if (settings.fifo()) {
            request.messageGroupId("fieldmark-digest").messageDeduplicationId(sha256("digest\n" + digest.date()
                    + "\n" + digest.message()));
        }
        send(request, "the digest of " + digest.date());
    }

    private void send(PublishRequest.Builder request, String what) {
        if (settings.subject() != null) {
            request.subject(settings.subject());
        }
        try {
            sns.publish(request.build());
        } catch (SnsException e) {
            boolean retryable = AwsErrors.transientFailure(e);
            throw new NotificationFailedException("SNS topic '" + settings.topicArn() + "' did not take " + what
                    + " (" + AwsErrors.describe(e) + ")"
                    + (retryable ? "; still failing after the SDK's retries, try again later"
                    : "; check the topic ARN and the function's sns:Publish permission"), retryable, e);
        } catch (SdkClientException e) {
            throw new NotificationFailedException("could not reach SNS to publish " + what + " to '"
                    + settings.topicArn() + "': " + e.getMessage(), true, e);
        }
    }

    private static MessageAttributeValue text(String value) {
        // SNS refuses empty string attributes.
        return MessageAttributeValue.builder().dataType("String").stringValue(value.isEmpty() ? "-" : value).build();
    }

    /** SNS numbers carry at most 5 decimals. */
    private static String confidence(double probability) {
        return BigDecimal.valueOf(probability).setScale(5, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    private static String sha256(String identity) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
