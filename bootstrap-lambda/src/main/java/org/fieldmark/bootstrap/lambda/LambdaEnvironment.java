package org.fieldmark.bootstrap.lambda;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.s3.S3IdempotencySettings;
import org.fieldmark.adapter.aws.s3.S3SightingSettings;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.MessageTemplate;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.NotificationPolicy;

/**
 * Reads the function's configuration from environment variables, given as a map so tests never
 * touch the real environment. Every problem is collected and reported at once, each as a
 * sentence saying what to set.
 */
public final class LambdaEnvironment {

    public static final String SAGEMAKER_ENDPOINT_NAME = "SAGEMAKER_ENDPOINT_NAME";
    public static final String SAGEMAKER_CONTENT_TYPE = "SAGEMAKER_CONTENT_TYPE";
    public static final String INFERENCE_TIMEOUT = "INFERENCE_TIMEOUT";
    public static final String SNS_TOPIC_ARN = "SNS_TOPIC_ARN";
    public static final String SNS_SUBJECT = "SNS_SUBJECT";
    public static final String CERTAINTY_THRESHOLD = "CERTAINTY_THRESHOLD";
    public static final String TOP_K = "TOP_K";
    public static final String LABELS = "LABELS";
    public static final String MAX_IMAGE_BYTES = "MAX_IMAGE_BYTES";
    public static final String PRESIGN_URL_TTL = "PRESIGN_URL_TTL";
    public static final String INFERENCE = "INFERENCE";
    public static final String NOTIFY = "NOTIFY";
    public static final String NOTIFY_WHEN_NO_BIRD = "NOTIFY_WHEN_NO_BIRD";
    public static final String S3_KEY_PREFIX = "S3_KEY_PREFIX";
    public static final String S3_KEY_SUFFIX = "S3_KEY_SUFFIX";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME = "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME";
    public static final String AWS_ENDPOINT_URL_SNS = "AWS_ENDPOINT_URL_SNS";
    public static final String EMBEDDED_THREADS = "EMBEDDED_THREADS";
    public static final String POLICY_MODE = "POLICY_MODE";
    public static final String POLICY_RECORD_THRESHOLD = "POLICY_RECORD_THRESHOLD";
    public static final String POLICY_NOTIFY_THRESHOLD = "POLICY_NOTIFY_THRESHOLD";
    public static final String POLICY_SPECIES_THRESHOLDS = "POLICY_SPECIES_THRESHOLDS";
    public static final String POLICY_ALLOW = "POLICY_ALLOW";
    public static final String POLICY_DENY = "POLICY_DENY";
    public static final String POLICY_COOLDOWN_MINUTES = "POLICY_COOLDOWN_MINUTES";
    public static final String POLICY_SPECIES_COOLDOWNS = "POLICY_SPECIES_COOLDOWNS";
    public static final String POLICY_TIME_ZONE = "POLICY_TIME_ZONE";
    public static final String POLICY_SOURCE = "POLICY_SOURCE";
    public static final String SIGHTINGS_BUCKET = "SIGHTINGS_BUCKET";
    public static final String SIGHTINGS_PREFIX = "SIGHTINGS_PREFIX";
    public static final String IDEMPOTENCY_BUCKET = "IDEMPOTENCY_BUCKET";
    public static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY_PREFIX";
    public static final String IDEMPOTENCY_CLAIM_TIMEOUT = "IDEMPOTENCY_CLAIM_TIMEOUT";
    public static final String NON_RETRYABLE_TO_DLQ = "NON_RETRYABLE_TO_DLQ";
    public static final String LOCATOR = "LOCATOR";
    public static final String LOCATOR_SCALES = "LOCATOR_SCALES";
    public static final String LOCATOR_MAX_WINDOWS = "LOCATOR_MAX_WINDOWS";
    public static final String LOCATOR_EARLY_EXIT = "LOCATOR_EARLY_EXIT";
    public static final String LOCATOR_DETECTOR_MODEL = "LOCATOR_DETECTOR_MODEL";
    public static final String LOCATOR_DETECTOR_BIRD_CLASSES = "LOCATOR_DETECTOR_BIRD_CLASSES";
    public static final String LOCATOR_DETECTOR_MIN_SCORE = "LOCATOR_DETECTOR_MIN_SCORE";
    public static final String LOCATOR_DETECTOR_LAYOUT = "LOCATOR_DETECTOR_LAYOUT";
    public static final String LOCATOR_DETECTOR_NMS_IOU = "LOCATOR_DETECTOR_NMS_IOU";
    public static final String LOCATOR_DETECTOR_MARGIN = "LOCATOR_DETECTOR_MARGIN";

    /** Every variable this class reads, for the deployment template's test and the README. */
    public static final List<String> VARIABLES = List.of(SAGEMAKER_ENDPOINT_NAME, SNS_TOPIC_ARN, CERTAINTY_THRESHOLD,
            TOP_K, LABELS, MAX_IMAGE_BYTES, PRESIGN_URL_TTL, INFERENCE, NOTIFY, NOTIFY_WHEN_NO_BIRD, SNS_SUBJECT,
            SAGEMAKER_CONTENT_TYPE, INFERENCE_TIMEOUT, S3_KEY_PREFIX, S3_KEY_SUFFIX, AWS_REGION, AWS_ENDPOINT_URL,
            AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME, AWS_ENDPOINT_URL_SNS, EMBEDDED_THREADS,
            SIGHTINGS_BUCKET, SIGHTINGS_PREFIX,
            IDEMPOTENCY_BUCKET, IDEMPOTENCY_PREFIX, IDEMPOTENCY_CLAIM_TIMEOUT, NON_RETRYABLE_TO_DLQ,
            POLICY_MODE, POLICY_RECORD_THRESHOLD, POLICY_NOTIFY_THRESHOLD, POLICY_SPECIES_THRESHOLDS, POLICY_ALLOW,
            POLICY_DENY, POLICY_COOLDOWN_MINUTES, POLICY_SPECIES_COOLDOWNS, POLICY_TIME_ZONE, POLICY_SOURCE,
            LOCATOR, LOCATOR_SCALES, LOCATOR_MAX_WINDOWS, LOCATOR_EARLY_EXIT, LOCATOR_DETECTOR_MODEL,
            LOCATOR_DETECTOR_BIRD_CLASSES, LOCATOR_DETECTOR_MIN_SCORE, LOCATOR_DETECTOR_LAYOUT,
            LOCATOR_DETECTOR_NMS_IOU, LOCATOR_DETECTOR_MARGIN);

    /** The original workshop trigger's filter: {@code birds/} and {@code .jpg}. */
    public static final String DEFAULT_KEY_PREFIX = "birds/";
    public static final String DEFAULT_KEY_SUFFIX = ".jpg";
    public static final Duration DEFAULT_INFERENCE_TIMEOUT = Duration.ofSeconds(30);

    public static final int DEFAULT_EMBEDDED_THREADS = 1;

    /** The search's defaults, as the server's (benchmarks/RESULTS.md). */
    public static final String DEFAULT_LOCATOR_SCALES = "0.6";
    public static final int DEFAULT_LOCATOR_MAX_WINDOWS = 16;
    public static final double DEFAULT_LOCATOR_EARLY_EXIT = 0.70;
    public static final double DEFAULT_DETECTOR_MIN_SCORE = 0.5;
    public static final String DEFAULT_DETECTOR_LAYOUT = "ssd";
    public static final double DEFAULT_DETECTOR_NMS_IOU = 0.5;
    public static final double DEFAULT_DETECTOR_MARGIN = 0.10;

    public static final String DEFAULT_IDEMPOTENCY_PREFIX = S3IdempotencySettings.DEFAULT_PREFIX;
    /** Lambda's longest function timeout: an attempt still running never loses its claim. */
    public static final Duration DEFAULT_CLAIM_TIMEOUT = S3IdempotencySettings.DEFAULT_CLAIM_TIMEOUT;

    private static final Duration MAX_PRESIGN_TTL = Duration.ofDays(7);
    private static final int MAX_EMBEDDED_THREADS = 64;

    private final Map<String, String> env;
    private final ClassLoader loader;
    private final List<String> problems = new ArrayList<>();
    private Boolean embeddedPackaged;

    private LambdaEnvironment(Map<String, String> env, ClassLoader loader) {
        this.env = Objects.requireNonNull(env, "env");
        this.loader = Objects.requireNonNull(loader, "loader");
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
        SpeciesCatalog catalog = catalog(LambdaConfiguration.Inference.SAGEMAKER);
        AwsClientSettings aws = aws();
        S3SightingSettings sightings = sightings();
        if (sightings == null && value(SIGHTINGS_BUCKET) == null) {
            problems.add(SIGHTINGS_BUCKET + " is not set; the digest reads the day's sightings from the bird log in "
                    + "S3, so set it to the bucket the identifying function keeps its log in");
        }
        ZoneId zone = timeZone();
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
        return new DigestConfiguration(notify, topic, subject, catalog, aws, sightings, zone);
    }

    private LambdaConfiguration read() {
        LambdaConfiguration.Inference inference = inference();
        LambdaConfiguration.Notify notify = notifyChoice();
        String endpoint = inference == LambdaConfiguration.Inference.SAGEMAKER ? endpointName() : null;
        String topic = notify == LambdaConfiguration.Notify.SNS ? topicArn() : null;
        String subject = subject();
        String contentType = value(SAGEMAKER_CONTENT_TYPE);
        Duration timeout = duration(INFERENCE_TIMEOUT, DEFAULT_INFERENCE_TIMEOUT, Duration.ofMinutes(15));
        double threshold = threshold();
        int topK = topK();
        SpeciesCatalog catalog = catalog(inference);
        int embeddedThreads = embeddedThreads();
        long maxBytes = maxImageBytes();
        boolean notifyWhenNoBird = flag(NOTIFY_WHEN_NO_BIRD);
        Duration presign = duration(PRESIGN_URL_TTL, null, MAX_PRESIGN_TTL);
        String prefix = env.getOrDefault(S3_KEY_PREFIX, DEFAULT_KEY_PREFIX);
        String suffix = env.getOrDefault(S3_KEY_SUFFIX, DEFAULT_KEY_SUFFIX);
        AwsClientSettings aws = aws();
        NotificationPolicy policy = policy(notifyWhenNoBird);
        S3SightingSettings sightings = sightings();
        LambdaConfiguration.Delivery delivery = delivery(prefix, suffix);
        LambdaConfiguration.Locator locator = locator(inference);
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
        return new LambdaConfiguration(inference, notify, endpoint, contentType, timeout, topic, subject, catalog,
                new IdentificationRules(threshold, topK, MessageTemplate.WORKSHOP), maxBytes, notifyWhenNoBird,
                presign, prefix, suffix, aws, embeddedThreads, sightings, delivery, policy, value(POLICY_SOURCE),
                locator);
    }

    /**
     * The notification policy, or {@code null} when {@code POLICY_MODE} is unset or {@code off}:
     * then every photo is notified, as the workshop did.
     */
    private NotificationPolicy policy(boolean notifyWhenNoBird) {
        String modeText = value(POLICY_MODE);
        if (modeText == null || modeText.equalsIgnoreCase("off")) {
            return null;
        }
        int before = problems.size();
        NotificationPolicy.Mode mode = NotificationPolicy.Mode.EVERY;
        try {
            mode = NotificationPolicy.Mode.parse(modeText);
        } catch (IllegalArgumentException e) {
            problems.add(POLICY_MODE + " is '" + modeText + "'; set it to every, new-species, first-of-day or off");
        }
        double record = probability(POLICY_RECORD_THRESHOLD, NotificationPolicy.DEFAULT_RECORD_THRESHOLD, "0.3");
        double notify = probability(POLICY_NOTIFY_THRESHOLD, NotificationPolicy.DEFAULT_NOTIFY_THRESHOLD, "0.70");
        Map<String, Double> thresholds = Map.of();
        Map<String, Duration> cooldowns = Map.of();
        try {
            thresholds = NotificationPolicy.parseSpeciesThresholds(POLICY_SPECIES_THRESHOLDS,
                    value(POLICY_SPECIES_THRESHOLDS));
        } catch (NotificationPolicy.InvalidPolicyException e) {
            problems.addAll(e.problems());
        }
        try {
            cooldowns = NotificationPolicy.parseSpeciesCooldowns(POLICY_SPECIES_COOLDOWNS,
                    value(POLICY_SPECIES_COOLDOWNS));
        } catch (NotificationPolicy.InvalidPolicyException e) {
            problems.addAll(e.problems());
        }
        Duration cooldown = Duration.ZERO;
        String cooldownText = value(POLICY_COOLDOWN_MINUTES);
        if (cooldownText != null) {
            try {
                cooldown = NotificationPolicy.parseCooldown(cooldownText);
            } catch (IllegalArgumentException e) {
                problems.add(POLICY_COOLDOWN_MINUTES + " is '" + cooldownText + "'; set it to whole minutes from 0 to "
                        + NotificationPolicy.MAX_COOLDOWN_MINUTES + " (0 turns the cooldown off)");
            }
        }
        ZoneId zone = timeZone();
        if (problems.size() > before) {
            return null;
        }
        try {
            return new NotificationPolicy(mode, record, notify, thresholds,
                    NotificationPolicy.parseNames(value(POLICY_ALLOW)), NotificationPolicy.parseNames(value(POLICY_DENY)),
                    cooldown, cooldowns, zone, notifyWhenNoBird);
        } catch (NotificationPolicy.InvalidPolicyException e) {
            e.problems().forEach(p -> problems.add("the notification policy: " + p));
            return null;
        }
    }

    /** {@code POLICY_TIME_ZONE}: the local days of first-of-day and the digest; UTC when unset. */
    private ZoneId timeZone() {
        String zoneText = value(POLICY_TIME_ZONE);
        if (zoneText == null) {
            return ZoneOffset.UTC;
        }
        try {
            return NotificationPolicy.parseZone(zoneText);
        } catch (IllegalArgumentException e) {
            problems.add(POLICY_TIME_ZONE + " is " + e.getMessage());
            return ZoneOffset.UTC;
        }
    }

    private double probability(String name, double fallback, String example) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0.0 && parsed <= 1.0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " is '" + value + "'; set it to a number between 0 and 1, e.g. " + example);
        return fallback;
    }

    /** The S3 bird log, or {@code null} when {@code SIGHTINGS_BUCKET} is unset (memory, per container). */
    private S3SightingSettings sightings() {
        String bucket = value(SIGHTINGS_BUCKET);
        String prefix = env.getOrDefault(SIGHTINGS_PREFIX, S3SightingSettings.DEFAULT_PREFIX);
        boolean bucketOk = bucket == null || bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        if (!bucketOk) {
            problems.add(SIGHTINGS_BUCKET + " is '" + bucket + "', which is not an S3 bucket name; set it to the"
                    + " bucket that keeps the bird log (3 to 63 lower-case letters, digits, '.' and '-'), or unset it"
                    + " to keep the log in memory");
        }
        try {
            // Checked even without a bucket, so a wrong prefix is found before the bucket is set.
            S3SightingSettings settings = new S3SightingSettings(bucketOk && bucket != null ? bucket : "unset", prefix);
            return bucketOk && bucket != null ? settings : null;
        } catch (IllegalArgumentException e) {
            problems.add(SIGHTINGS_PREFIX + " is '" + prefix + "'; " + e.getMessage() + "; set it to a prefix such as "
                    + S3SightingSettings.DEFAULT_PREFIX);
            return null;
        }
    }

    private LambdaConfiguration.Delivery delivery(String keyPrefix, String keySuffix) {
        String bucket = value(IDEMPOTENCY_BUCKET);
        if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            problems.add(IDEMPOTENCY_BUCKET + " is '" + bucket + "', which is not an S3 bucket name; set it to the "
                    + "name of the bucket for the claim markers (the photo bucket will do), or unset it");
        }
        String prefix = env.getOrDefault(IDEMPOTENCY_PREFIX, DEFAULT_IDEMPOTENCY_PREFIX).strip();
        if (prefix.isEmpty() || prefix.length() > 900) {
            problems.add(IDEMPOTENCY_PREFIX + " is '" + prefix + "'; set it to a key prefix of 1 to 900 characters "
                    + "such as " + DEFAULT_IDEMPOTENCY_PREFIX + ", which a lifecycle rule expires");
        } else if (bucket != null && (prefix + "0".repeat(64)).startsWith(keyPrefix) && keySuffix.isEmpty()) {
            problems.add(IDEMPOTENCY_PREFIX + " is '" + prefix + "', so the claim markers would pass the "
                    + S3_KEY_PREFIX + "/" + S3_KEY_SUFFIX + " filter and be identified as photos; set it outside "
                    + S3_KEY_PREFIX + " ('" + keyPrefix + "')");
        }
        Duration claimTimeout = duration(IDEMPOTENCY_CLAIM_TIMEOUT, DEFAULT_CLAIM_TIMEOUT, Duration.ofDays(1));
        return new LambdaConfiguration.Delivery(bucket, prefix, claimTimeout, flag(NON_RETRYABLE_TO_DLQ));
    }

    private String value(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private LambdaConfiguration.Inference inference() {
        String value = value(INFERENCE);
        if (value == null || value.equalsIgnoreCase("sagemaker")) {
            return LambdaConfiguration.Inference.SAGEMAKER;
        }
        if (value.equalsIgnoreCase("embedded")) {
            if (!embeddedPackaged()) {
                problems.add(INFERENCE + "=embedded needs the " + EmbeddedModel.ARTIFACT + " artifact (this function "
                        + "runs the default fieldmark-lambda.jar, which leaves the bird model and ONNX Runtime out to "
                        + "stay small); deploy " + EmbeddedModel.ARTIFACT + " or set " + INFERENCE + "=sagemaker");
            }
            return LambdaConfiguration.Inference.EMBEDDED;
        }
        if (value.equalsIgnoreCase("http")) {
            problems.add(INFERENCE + " is '" + value + "', which the Lambda build does not include yet; set it to "
                    + "'sagemaker' (or leave it unset) or 'embedded'");
        } else {
            problems.add(INFERENCE + " is '" + value + "'; set it to 'sagemaker' (or leave it unset) or 'embedded'");
        }
        return LambdaConfiguration.Inference.SAGEMAKER;
    }

    /**
     * The locate stage: {@code LOCATOR} search (the default with {@code INFERENCE=embedded}), whole (the
     * default with SageMaker, where every window would be a paid call) or detector, and its settings.
     */
    private LambdaConfiguration.Locator locator(LambdaConfiguration.Inference inference) {
        boolean embedded = inference == LambdaConfiguration.Inference.EMBEDDED;
        String value = value(LOCATOR);
        LambdaConfiguration.LocatorMode mode = embedded ? LambdaConfiguration.LocatorMode.SEARCH
                : LambdaConfiguration.LocatorMode.WHOLE;
        if (value != null) {
            try {
                mode = LambdaConfiguration.LocatorMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(LOCATOR + " is '" + value + "'; set it to search, whole or detector (or leave it unset: "
                        + "search with INFERENCE=embedded, whole with SageMaker)");
            }
        }
        if (mode == LambdaConfiguration.LocatorMode.SEARCH && !embedded) {
            problems.add(LOCATOR + "=search needs " + INFERENCE + "=embedded: the search scores its windows with the "
                    + "embedded model (with SageMaker every window would be a paid call); set " + LOCATOR
                    + "=whole or " + INFERENCE + "=embedded");
        }
        List<Double> scales = new ArrayList<>();
        String scalesText = value(LOCATOR_SCALES);
        for (String item : (scalesText == null ? DEFAULT_LOCATOR_SCALES : scalesText).split(",")) {
            try {
                double scale = Double.parseDouble(item.strip());
                if (scale >= 0.1 && scale <= 1.0) {
                    scales.add(scale);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(LOCATOR_SCALES + " is '" + scalesText + "'; set it to comma-separated fractions of the "
                    + "photo's shorter side between 0.1 and 1, e.g. 0.6,0.35");
            break;
        }
        int maxWindows = (int) number(LOCATOR_MAX_WINDOWS, DEFAULT_LOCATOR_MAX_WINDOWS, 1, 256,
                "a whole number of windows from 1 to 256");
        double earlyExit = number(LOCATOR_EARLY_EXIT, DEFAULT_LOCATOR_EARLY_EXIT, 0.0, 1.0, "a probability from 0 to 1");
        double minScore = number(LOCATOR_DETECTOR_MIN_SCORE, DEFAULT_DETECTOR_MIN_SCORE, 0.0, 1.0,
                "a probability from 0 to 1");
        List<Integer> birdClasses = new ArrayList<>();
        String classes = value(LOCATOR_DETECTOR_BIRD_CLASSES);
        if (classes != null) {
            for (String item : classes.split(",")) {
                try {
                    birdClasses.add(Integer.parseInt(item.strip()));
                } catch (NumberFormatException e) {
                    problems.add(LOCATOR_DETECTOR_BIRD_CLASSES + " is '" + classes + "'; set it to comma-separated "
                            + "class ids of the detector's birds (or leave it unset for COCO's bird: 16 with the "
                            + "ssd layout, 14 with yolo)");
                    break;
                }
            }
        }
        String detectorModel = value(LOCATOR_DETECTOR_MODEL);
        if (mode == LambdaConfiguration.LocatorMode.DETECTOR) {
            if (!embeddedPackaged()) {
                problems.add(LOCATOR + "=detector needs the " + EmbeddedModel.ARTIFACT + " artifact (the detector runs "
                        + "on ONNX Runtime, which the default fieldmark-lambda.jar leaves out); deploy "
                        + EmbeddedModel.ARTIFACT + " or set " + LOCATOR + "=whole");
            }
            if (detectorModel == null) {
                problems.add(LOCATOR_DETECTOR_MODEL + " is not set but " + LOCATOR + "=detector needs it; set it to "
                        + "the path of the .onnx object detector in the function");
            }
        }
        String layoutText = value(LOCATOR_DETECTOR_LAYOUT);
        String layout = layoutText == null ? DEFAULT_DETECTOR_LAYOUT : layoutText.strip().toLowerCase(java.util.Locale.ROOT);
        if (!layout.equals("ssd") && !layout.equals("yolo")) {
            problems.add(LOCATOR_DETECTOR_LAYOUT + " is '" + layoutText + "'; set it to ssd (TF Object Detection API "
                    + "outputs) or yolo (YOLOv8 head)");
        }
        double nmsIou = number(LOCATOR_DETECTOR_NMS_IOU, DEFAULT_DETECTOR_NMS_IOU, Double.MIN_VALUE, 1.0,
                "an overlap above 0 and at most 1 (0.5 is usual)");
        double margin = number(LOCATOR_DETECTOR_MARGIN, DEFAULT_DETECTOR_MARGIN, 0.0, 1.0,
                "a fraction of the box from 0 to 1");
        return new LambdaConfiguration.Locator(mode, List.copyOf(scales.isEmpty() ? List.of(0.6) : scales),
                maxWindows, earlyExit, new LambdaConfiguration.Detector(detectorModel, layout,
                List.copyOf(birdClasses), minScore, nmsIou, margin));
    }

    /** A number between {@code min} and {@code max}, {@code fallback} when unset. */
    private double number(String name, double fallback, double min, double max, String what) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= min && parsed <= max && (what.startsWith("a whole") ? parsed == Math.rint(parsed) : true)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " is '" + value + "'; set it to " + what);
        return fallback;
    }

    private boolean embeddedPackaged() {
        if (embeddedPackaged == null) {
            embeddedPackaged = EmbeddedModel.isPackaged(loader);
        }
        return embeddedPackaged;
    }

    private LambdaConfiguration.Notify notifyChoice() {
        String value = value(NOTIFY);
        if (value == null || value.equalsIgnoreCase("sns")) {
            return LambdaConfiguration.Notify.SNS;
        }
        if (value.equalsIgnoreCase("log")) {
            return LambdaConfiguration.Notify.LOG;
        }
        problems.add(NOTIFY + " is '" + value + "'" + (value.equalsIgnoreCase("webhook")
                ? ", which the Lambda build does not include yet" : "")
                + "; set it to 'sns' (publish to SNS_TOPIC_ARN) or 'log' (write messages to the function's log)");
        return LambdaConfiguration.Notify.SNS;
    }

    private String endpointName() {
        String value = value(SAGEMAKER_ENDPOINT_NAME);
        if (value == null) {
            problems.add(SAGEMAKER_ENDPOINT_NAME + " is not set; set it to the name of the SageMaker endpoint that "
                    + "classifies the photos");
            return null;
        }
        if (!value.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
            problems.add(SAGEMAKER_ENDPOINT_NAME + " is '" + value + "', which is not a SageMaker endpoint name "
                    + "(letters, digits and hyphens, at most 63); set it to the endpoint's name, not its ARN or URL");
        }
        return value;
    }

    private String topicArn() {
        String value = value(SNS_TOPIC_ARN);
        if (value == null) {
            problems.add(SNS_TOPIC_ARN + " is not set; set it to the ARN of the SNS topic that should receive "
                    + "identifications (or set NOTIFY=log)");
            return null;
        }
        if (!value.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
            problems.add(SNS_TOPIC_ARN + " is '" + value + "', which is not an SNS topic ARN; set it to one like "
                    + "arn:aws:sns:us-east-1:123456789012:bird-alerts");
        }
        return value;
    }

    private String subject() {
        String value = value(SNS_SUBJECT);
        if (value != null && (value.length() > 100 || value.chars().anyMatch(c -> c < 0x20 || c > 0x7E))) {
            problems.add(SNS_SUBJECT + " is '" + value + "'; set it to at most 100 printable ASCII characters without line breaks");
            return null;
        }
        return value;
    }

    private double threshold() {
        String value = value(CERTAINTY_THRESHOLD);
        if (value == null) {
            return IdentificationRules.DEFAULT_THRESHOLD;
        }
        try {
            double threshold = Double.parseDouble(value);
            if (threshold >= 0.0 && threshold <= 1.0) {
                return threshold;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(CERTAINTY_THRESHOLD + " is '" + value + "'; set it to a number between 0 and 1, e.g. 0.70");
        return IdentificationRules.DEFAULT_THRESHOLD;
    }

    private int topK() {
        String value = value(TOP_K);
        if (value == null) {
            return IdentificationRules.DEFAULT_TOP_K;
        }
        try {
            int k = Integer.parseInt(value);
            if (k >= 1) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(TOP_K + " is '" + value + "'; set it to a whole number of at least 1, e.g. 2");
        return IdentificationRules.DEFAULT_TOP_K;
    }

    private SpeciesCatalog catalog(LambdaConfiguration.Inference inference) {
        boolean embedded = inference == LambdaConfiguration.Inference.EMBEDDED;
        String value = value(LABELS);
        if (value == null && embedded) {
            // Without the model's classes INFERENCE already says which jar to deploy.
            return embeddedPackaged() ? EmbeddedModel.catalog() : SpeciesCatalog.WORKSHOP_4;
        }
        if (value == null) {
            return SpeciesCatalog.WORKSHOP_4;
        }
        SpeciesCatalog catalog = namedCatalog(value);
        if (embedded && embeddedPackaged() && catalog.size() != EmbeddedModel.catalog().size()) {
            problems.add(LABELS + " is '" + value + "', which has " + catalog.size() + " classes, but the embedded "
                    + "model has " + EmbeddedModel.catalog().size() + "; unset it (the model's own "
                    + EmbeddedModel.CATALOG_NAME + ") or give a labels file with one line per model class");
        }
        return catalog;
    }

    private SpeciesCatalog namedCatalog(String value) {
        var builtIn = SpeciesCatalog.builtIn(value);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        if (value.equals(EmbeddedModel.CATALOG_NAME)) {
            if (embeddedPackaged()) {
                return EmbeddedModel.catalog();
            }
            problems.add(LABELS + " is '" + value + "', which only the " + EmbeddedModel.ARTIFACT + " artifact "
                    + "includes; deploy that jar, or set it to " + SpeciesCatalog.WORKSHOP_4_NAME + " or a labels file");
            return SpeciesCatalog.WORKSHOP_4;
        }
        try {
            Path file = Path.of(value);
            if (!Files.isRegularFile(file)) {
                problems.add(LABELS + " is '" + value + "', which is neither a built-in catalog ("
                        + SpeciesCatalog.WORKSHOP_4_NAME + " or " + EmbeddedModel.CATALOG_NAME
                        + ") nor a readable labels file; set it to one of those");
                return SpeciesCatalog.WORKSHOP_4;
            }
            return SpeciesCatalog.load(file);
        } catch (InvalidPathException e) {
            problems.add(LABELS + " is '" + value + "', which is not a file path; set it to "
                    + SpeciesCatalog.WORKSHOP_4_NAME + ", " + EmbeddedModel.CATALOG_NAME + " or a labels file");
        } catch (IllegalArgumentException e) {
            problems.add(LABELS + " names a labels file that cannot be used: " + e.getMessage());
        }
        return SpeciesCatalog.WORKSHOP_4;
    }

    private int embeddedThreads() {
        String value = value(EMBEDDED_THREADS);
        if (value == null) {
            return DEFAULT_EMBEDDED_THREADS;
        }
        try {
            int threads = Integer.parseInt(value);
            if (threads >= 1 && threads <= MAX_EMBEDDED_THREADS) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(EMBEDDED_THREADS + " is '" + value + "'; set it to a whole number from 1 to " + MAX_EMBEDDED_THREADS
                + " (ONNX Runtime threads for one photo; 1 suits Lambda's small memory sizes)");
        return DEFAULT_EMBEDDED_THREADS;
    }

    private long maxImageBytes() {
        String value = value(MAX_IMAGE_BYTES);
        if (value == null) {
            return IdentificationSettings.DEFAULT_MAX_IMAGE_BYTES;
        }
        try {
            long bytes = Long.parseLong(value);
            if (bytes >= 1) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(MAX_IMAGE_BYTES + " is '" + value + "'; set it to a size in bytes of at least 1, e.g. 6291456");
        return IdentificationSettings.DEFAULT_MAX_IMAGE_BYTES;
    }

    private boolean flag(String name) {
        String value = value(name);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        problems.add(name + " is '" + value + "'; set it to true or false");
        return false;
    }

    /** Seconds ({@code 900}) or ISO-8601 ({@code PT15M}); {@code 0} means "none" where there is no default. */
    private Duration duration(String name, Duration fallback, Duration max) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        Duration parsed = null;
        try {
            parsed = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // reported below
        }
        if (parsed != null && parsed.isZero() && fallback == null) {
            return null;
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero() || parsed.compareTo(max) > 0) {
            problems.add(name + " is '" + value + "'; set it to a duration in seconds (e.g. 900) or ISO-8601 "
                    + "(e.g. PT15M), above 0 and at most " + max.toSeconds() + " seconds");
            return fallback;
        }
        return parsed;
    }

    private AwsClientSettings aws() {
        URI general = uri(AWS_ENDPOINT_URL);
        URI s3 = uri(AWS_ENDPOINT_URL_S3);
        URI sageMaker = uri(AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME);
        URI sns = uri(AWS_ENDPOINT_URL_SNS);
        return new AwsClientSettings(value(AWS_REGION), general, s3, sageMaker, sns, 0, null, null);
    }

    private URI uri(String name) {
        String value = value(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(name + " is '" + value + "'; set it to an http(s) URL such as http://127.0.0.1:4566, or unset it");
        return null;
    }
}
