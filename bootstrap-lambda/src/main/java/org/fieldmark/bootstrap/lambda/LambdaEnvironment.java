package org.fieldmark.bootstrap.lambda;

import static org.fieldmark.configuration.IdentifyOptions.AWS_ENDPOINT;
import static org.fieldmark.configuration.IdentifyOptions.AWS_ENDPOINT_S3;
import static org.fieldmark.configuration.IdentifyOptions.AWS_ENDPOINT_SAGEMAKER;
import static org.fieldmark.configuration.IdentifyOptions.AWS_ENDPOINT_SNS;
import static org.fieldmark.configuration.IdentifyOptions.AWS_REGION;
import static org.fieldmark.configuration.IdentifyOptions.EMBEDDED_THREADS;
import static org.fieldmark.configuration.IdentifyOptions.INFERENCE;
import static org.fieldmark.configuration.IdentifyOptions.KEY_PREFIX;
import static org.fieldmark.configuration.IdentifyOptions.KEY_SUFFIX;
import static org.fieldmark.configuration.IdentifyOptions.LOCATOR;
import static org.fieldmark.configuration.IdentifyOptions.MAX_IMAGE_BYTES;
import static org.fieldmark.configuration.IdentifyOptions.NOTIFY_NO_BIRD;
import static org.fieldmark.configuration.IdentifyOptions.PRESIGN_TTL;
import static org.fieldmark.configuration.IdentifyOptions.SAGEMAKER_CONTENT_TYPE;
import static org.fieldmark.configuration.IdentifyOptions.SAGEMAKER_ENDPOINT;
import static org.fieldmark.configuration.IdentifyOptions.THRESHOLD;
import static org.fieldmark.configuration.IdentifyOptions.TIMEOUT;
import static org.fieldmark.configuration.IdentifyOptions.TOP_K;
import static org.fieldmark.configuration.NotifyOptions.CLAIM_TIMEOUT;
import static org.fieldmark.configuration.NotifyOptions.IDEMPOTENCY_BUCKET;
import static org.fieldmark.configuration.NotifyOptions.IDEMPOTENCY_PREFIX;
import static org.fieldmark.configuration.NotifyOptions.NON_RETRYABLE_TO_DLQ;
import static org.fieldmark.configuration.NotifyOptions.NOTIFY;
import static org.fieldmark.configuration.NotifyOptions.SIGHTINGS_BUCKET;
import static org.fieldmark.configuration.NotifyOptions.SIGHTINGS_PREFIX;
import static org.fieldmark.configuration.NotifyOptions.SNS_SUBJECT;
import static org.fieldmark.configuration.NotifyOptions.SNS_TOPIC_ARN;
import static org.fieldmark.configuration.NotifyOptions.SOURCE;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.s3.S3IdempotencySettings;
import org.fieldmark.adapter.aws.s3.S3SightingSettings;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.configuration.LocatorBinder;
import org.fieldmark.configuration.LocatorSettings;
import org.fieldmark.configuration.Options;
import org.fieldmark.configuration.PolicyBinder;
import org.fieldmark.configuration.Problems;
import org.fieldmark.configuration.Runtimes;
import org.fieldmark.configuration.Values;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.MessageTemplate;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * Reads the function's configuration from environment variables, given as a map so tests never
 * touch the real environment. The variables, their types, defaults and bounds are the configuration
 * module's declarations; what only this jar can check (which model and adapters it packs, S3 names)
 * is checked here. Every problem is collected and reported at once, each as a sentence saying what
 * to set.
 */
public final class LambdaEnvironment {

    /** Every variable the functions read, for the deployment template's test and the README. */
    public static final List<String> VARIABLES = Options.lambdaVariables();

    /** The original workshop trigger's filter: {@code birds/} and {@code .jpg}. */
    public static final String DEFAULT_KEY_PREFIX = KEY_PREFIX.defaultValue(Runtimes.LAMBDA);
    public static final String DEFAULT_KEY_SUFFIX = KEY_SUFFIX.defaultValue(Runtimes.LAMBDA);
    public static final String DEFAULT_IDEMPOTENCY_PREFIX = IDEMPOTENCY_PREFIX.defaultValue(Runtimes.LAMBDA);
    /** Lambda's longest function timeout: an attempt still running never loses its claim. */
    public static final Duration DEFAULT_CLAIM_TIMEOUT = S3IdempotencySettings.DEFAULT_CLAIM_TIMEOUT;

    private static final String S3_BUCKET_NAME = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";

    private final Values values;
    private final Problems problems;
    private final LambdaCatalogs catalogs;

    private LambdaEnvironment(Map<String, String> env, ClassLoader loader) {
        this.problems = new Problems();
        this.values = Values.lambda(Objects.requireNonNull(env, "env"), problems);
        this.catalogs = new LambdaCatalogs(values, Objects.requireNonNull(loader, "loader"));
    }

    /**
     * The configuration in {@code env}.
     *
     * @throws ConfigurationInvalidException listing every missing or wrong variable
     */
    public static LambdaConfiguration read(Map<String, String> env) {
        return read(env, LambdaEnvironment.class.getClassLoader());
    }

    /** As {@link #read(Map)}, looking for the embedded model's classes in {@code loader} (tests hide them). */
    static LambdaConfiguration read(Map<String, String> env, ClassLoader loader) {
        return new LambdaEnvironment(env, loader).read();
    }

    /**
     * The digest function's configuration in {@code env}: {@code NOTIFY}, {@code SNS_*}, {@code SIGHTINGS_*}
     * ({@code SIGHTINGS_BUCKET} required), {@code POLICY_TIME_ZONE}, {@code LABELS} and the AWS overrides.
     * The model's variables are not read, so the digest function needs none of them.
     *
     * @throws ConfigurationInvalidException listing every missing or wrong variable
     */
    public static DigestConfiguration readDigest(Map<String, String> env) {
        return new LambdaEnvironment(env, LambdaEnvironment.class.getClassLoader()).digest();
    }

    private DigestConfiguration digest() {
        LambdaConfiguration.Notify notify = notifyChoice();
        String topic = notify == LambdaConfiguration.Notify.SNS ? topicArn() : null;
        String subject = subject();
        SpeciesCatalog catalog = catalogs.catalog(LambdaConfiguration.Inference.SAGEMAKER);
        AwsClientSettings aws = aws();
        S3SightingSettings sightings = sightings();
        if (sightings == null && values.optional(SIGHTINGS_BUCKET) == null) {
            problems.add(SIGHTINGS_BUCKET.lambdaEnv() + " is not set; the digest reads the day's sightings from the "
                    + "bird log in S3, so set it to the bucket the identifying function keeps its log in");
        }
        ZoneId zone = PolicyBinder.zone(values);
        problems.throwIfAny();
        return new DigestConfiguration(notify, topic, subject, catalog, aws, sightings, zone);
    }

    private LambdaConfiguration read() {
        LambdaConfiguration.Inference inference = inference();
        LambdaConfiguration.Notify notify = notifyChoice();
        String endpoint = inference == LambdaConfiguration.Inference.SAGEMAKER ? endpointName() : null;
        String topic = notify == LambdaConfiguration.Notify.SNS ? topicArn() : null;
        String subject = subject();
        String contentType = values.optional(SAGEMAKER_CONTENT_TYPE);
        Duration timeout = values.duration(TIMEOUT);
        IdentificationRules rules = new IdentificationRules(values.decimal(THRESHOLD), values.integer(TOP_K),
                MessageTemplate.WORKSHOP);
        SpeciesCatalog catalog = catalogs.catalog(inference);
        int embeddedThreads = values.integer(EMBEDDED_THREADS);
        long maxBytes = values.whole(MAX_IMAGE_BYTES);
        boolean notifyWhenNoBird = values.flag(NOTIFY_NO_BIRD);
        Duration presign = values.durationOrNone(PRESIGN_TTL);
        String prefix = values.verbatim(KEY_PREFIX);
        String suffix = values.verbatim(KEY_SUFFIX);
        AwsClientSettings aws = aws();
        var policy = PolicyBinder.bind(values, notifyWhenNoBird).policy();
        S3SightingSettings sightings = sightings();
        LambdaConfiguration.Delivery delivery = delivery(prefix, suffix);
        LocatorSettings locator = locator(inference);
        problems.throwIfAny();
        return new LambdaConfiguration(inference, notify, endpoint, contentType, timeout, topic, subject, catalog,
                rules, maxBytes, notifyWhenNoBird, presign, prefix, suffix, aws, embeddedThreads, sightings, delivery,
                policy, values.optional(SOURCE), locator);
    }

    /** The S3 bird log, or {@code null} when {@code SIGHTINGS_BUCKET} is unset (memory, per container). */
    private S3SightingSettings sightings() {
        String bucket = values.optional(SIGHTINGS_BUCKET);
        String prefix = values.verbatim(SIGHTINGS_PREFIX);
        boolean bucketOk = bucket == null || bucket.matches(S3_BUCKET_NAME);
        if (!bucketOk) {
            problems.add(SIGHTINGS_BUCKET.lambdaEnv() + " is '" + bucket + "', which is not an S3 bucket name; set it "
                    + "to the bucket that keeps the bird log (3 to 63 lower-case letters, digits, '.' and '-'), or "
                    + "unset it to keep the log in memory");
        }
        try {
            // Checked even without a bucket, so a wrong prefix is found before the bucket is set.
            S3SightingSettings settings = new S3SightingSettings(bucketOk && bucket != null ? bucket : "unset", prefix);
            return bucketOk && bucket != null ? settings : null;
        } catch (IllegalArgumentException e) {
            problems.add(SIGHTINGS_PREFIX.lambdaEnv() + " is '" + prefix + "'; " + e.getMessage() + "; set it to a "
                    + "prefix such as " + S3SightingSettings.DEFAULT_PREFIX);
            return null;
        }
    }

    private LambdaConfiguration.Delivery delivery(String keyPrefix, String keySuffix) {
        String bucket = values.optional(IDEMPOTENCY_BUCKET);
        if (bucket != null && !bucket.matches(S3_BUCKET_NAME)) {
            problems.add(IDEMPOTENCY_BUCKET.lambdaEnv() + " is '" + bucket + "', which is not an S3 bucket name; set "
                    + "it to the name of the bucket for the claim markers (the photo bucket will do), or unset it");
        }
        String prefix = values.verbatim(IDEMPOTENCY_PREFIX).strip();
        if (prefix.isEmpty() || prefix.length() > 900) {
            problems.add(IDEMPOTENCY_PREFIX.lambdaEnv() + " is '" + prefix + "'; set it to a key prefix of 1 to 900 "
                    + "characters such as " + DEFAULT_IDEMPOTENCY_PREFIX + ", which a lifecycle rule expires");
        } else if (bucket != null && (prefix + "0".repeat(64)).startsWith(keyPrefix) && keySuffix.isEmpty()) {
            problems.add(IDEMPOTENCY_PREFIX.lambdaEnv() + " is '" + prefix + "', so the claim markers would pass the "
                    + KEY_PREFIX.lambdaEnv() + "/" + KEY_SUFFIX.lambdaEnv() + " filter and be identified as photos; "
                    + "set it outside " + KEY_PREFIX.lambdaEnv() + " ('" + keyPrefix + "')");
        }
        return new LambdaConfiguration.Delivery(bucket, prefix, values.duration(CLAIM_TIMEOUT),
                values.flag(NON_RETRYABLE_TO_DLQ));
    }

    private LambdaConfiguration.Inference inference() {
        String value = values.optional(INFERENCE);
        if (value.equalsIgnoreCase("sagemaker")) {
            return LambdaConfiguration.Inference.SAGEMAKER;
        }
        if (value.equalsIgnoreCase("embedded")) {
            if (!catalogs.embeddedPackaged()) {
                problems.add("INFERENCE=embedded needs the " + EmbeddedModel.ARTIFACT + " artifact (this function runs "
                        + "the default fieldmark-lambda.jar, which leaves the bird model and ONNX Runtime out to stay "
                        + "small); deploy " + EmbeddedModel.ARTIFACT + " or set INFERENCE=sagemaker");
            }
            return LambdaConfiguration.Inference.EMBEDDED;
        }
        problems.add("INFERENCE is '" + value + "'" + (value.equalsIgnoreCase("http")
                ? ", which the Lambda build does not include yet" : "")
                + "; set it to 'sagemaker' (or leave it unset) or 'embedded'");
        return LambdaConfiguration.Inference.SAGEMAKER;
    }

    /** The locate stage, as the server's; a detector also needs the jar that packs ONNX Runtime. */
    private LocatorSettings locator(LambdaConfiguration.Inference inference) {
        LocatorSettings locator = LocatorBinder.bind(values, inference == LambdaConfiguration.Inference.EMBEDDED);
        if (locator.mode() == LocatorSettings.Mode.DETECTOR && !catalogs.embeddedPackaged()) {
            problems.add("LOCATOR=detector needs the " + EmbeddedModel.ARTIFACT + " artifact (the detector runs on "
                    + "ONNX Runtime, which the default fieldmark-lambda.jar leaves out); deploy "
                    + EmbeddedModel.ARTIFACT + " or set " + LOCATOR.lambdaEnv() + "=whole");
        }
        return locator;
    }

    private LambdaConfiguration.Notify notifyChoice() {
        String value = values.optional(NOTIFY);
        if (value.equalsIgnoreCase("sns")) {
            return LambdaConfiguration.Notify.SNS;
        }
        if (value.equalsIgnoreCase("log")) {
            return LambdaConfiguration.Notify.LOG;
        }
        problems.add("NOTIFY is '" + value + "'" + (value.equalsIgnoreCase("webhook")
                ? ", which the Lambda build does not include yet" : "")
                + "; set it to 'sns' (publish to SNS_TOPIC_ARN) or 'log' (write messages to the function's log)");
        return LambdaConfiguration.Notify.SNS;
    }

    private String endpointName() {
        String value = values.optional(SAGEMAKER_ENDPOINT);
        if (value == null) {
            problems.add("SAGEMAKER_ENDPOINT_NAME is not set; set it to the name of the SageMaker endpoint that "
                    + "classifies the photos");
        } else if (!value.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
            problems.add("SAGEMAKER_ENDPOINT_NAME is '" + value + "', which is not a SageMaker endpoint name "
                    + "(letters, digits and hyphens, at most 63); set it to the endpoint's name, not its ARN or URL");
        }
        return value;
    }

    private String topicArn() {
        String value = values.optional(SNS_TOPIC_ARN);
        if (value == null) {
            problems.add("SNS_TOPIC_ARN is not set; set it to the ARN of the SNS topic that should receive "
                    + "identifications (or set NOTIFY=log)");
        } else if (!value.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
            problems.add("SNS_TOPIC_ARN is '" + value + "', which is not an SNS topic ARN; set it to one like "
                    + "arn:aws:sns:us-east-1:123456789012:bird-alerts");
        }
        return value;
    }

    private String subject() {
        String value = values.optional(SNS_SUBJECT);
        if (value != null && (value.length() > 100 || value.chars().anyMatch(c -> c < 0x20 || c > 0x7E))) {
            values.invalid(SNS_SUBJECT, value, null);
            return null;
        }
        return value;
    }

    private AwsClientSettings aws() {
        return new AwsClientSettings(values.optional(AWS_REGION), values.url(AWS_ENDPOINT), values.url(AWS_ENDPOINT_S3),
                values.url(AWS_ENDPOINT_SAGEMAKER), values.url(AWS_ENDPOINT_SNS), 0, null, null);
    }
}
