package org.fieldmark.configuration;

import static org.fieldmark.configuration.Setting.both;
import static org.fieldmark.configuration.Setting.lambda;
import static org.fieldmark.configuration.Setting.server;

import java.util.List;

/** The options of the photo's way in: the server's socket, the photo's source, the model and the locate stage. */
public final class IdentifyOptions {

    static final String SIX_MB = Long.toString(6L * 1024 * 1024);

    public static final Setting HOST = server("server.host", "address to bind; anything but loopback needs an API key")
            .byDefault("127.0.0.1");
    public static final Setting PORT = server("server.port", "port to listen on (0 picks a free one)")
            .whole(0, 65_535).byDefault("8080");
    public static final Setting API_KEY = server("server.api-key",
            "when set, requests need 'Authorization: Bearer <key>'");
    public static final Setting MAX_BODY_BYTES = server("server.max-body-bytes", "largest accepted request body")
            .whole(1, Long.MAX_VALUE).byDefault(SIX_MB);
    public static final Setting WORKERS = server("server.workers", "threads that run identifications")
            .whole(1, 256).byDefault("2");
    public static final Setting QUEUE = server("server.queue", "identifications waiting for a worker before 503")
            .whole(0, 100_000).byDefault("64");
    public static final Setting RECENT = server("server.recent", "identifications kept for /v1/identifications")
            .whole(1, 100_000).byDefault("200");

    public static final Setting LABELS = both("identification.labels", "LABELS", "catalog: workshop-4, inat-birds, "
            + "a labels file path, or auto (inat-birds with the embedded model, else workshop-4)").byDefault("auto");
    public static final Setting THRESHOLD = both("identification.threshold", "CERTAINTY_THRESHOLD",
            "confident when the top probability is above it").decimal(0.0, 1.0).byDefault("0.70");
    public static final Setting TOP_K = both("identification.top-k", "TOP_K", "how many species an unsure message lists")
            .whole(1, 10_000).byDefault("2").hint("a whole number of at least 1, e.g. 2");
    public static final Setting MAX_IMAGE_BYTES = both("identification.max-image-bytes", "MAX_IMAGE_BYTES",
            "largest accepted image (the Lambda refuses larger objects on their Content-Length)")
            .whole(1, Long.MAX_VALUE).byDefault(SIX_MB).hint("a size in bytes of at least 1, e.g. 6291456");
    public static final Setting NOTIFY_NO_BIRD = both("identification.notify-no-bird", "NOTIFY_WHEN_NO_BIRD",
            "notify even when no bird is recognised").flag().byDefault("false");

    public static final Setting STORAGE = server("storage", "where images are read from: folder, s3 or url")
            .choice("folder", "s3", "url").byDefault("folder");
    public static final Setting FOLDER = server("folder.path", "the local bucket (created if absent)")
            .byDefault("./birds");
    public static final Setting FOLDER_WATCH = server("folder.watch", "identify new photos dropped into the folder")
            .flag().byDefault("true");
    public static final Setting STATE_FILE = server("folder.state-file",
            "remembers processed photos across restarts (default: <folder.path>/.fieldmark-state)");
    public static final Setting POLL_INTERVAL = server("folder.poll-interval-ms", "how often the folder is rescanned")
            .whole(50, 3_600_000).byDefault("1000");
    public static final Setting STABILITY_DELAY = server("folder.stability-delay-ms",
            "how long a new photo's size and time must stay unchanged before it is identified, unless its bytes"
                    + " prove it complete (a JPEG, PNG or BMP whose structure ends where the file does)")
            .whole(0, 600_000).byDefault("200");
    public static final Setting S3_BUCKET = server("s3.bucket", "bucket to read when storage=s3");
    public static final Setting KEY_PREFIX = lambda("s3.key-prefix", "S3_KEY_PREFIX",
            "only keys starting with this are identified (others are skipped with a log line); empty: all")
            .byDefault("birds/");
    public static final Setting KEY_SUFFIX = lambda("s3.key-suffix", "S3_KEY_SUFFIX",
            "only keys ending with this are identified; empty: all").byDefault(".jpg");
    public static final Setting PRESIGN_TTL = lambda("s3.presign-url-ttl", "PRESIGN_URL_TTL",
            "appends a presigned GET URL of the photo valid this long (seconds or ISO-8601); 0: no link")
            .duration(7 * 24 * 3600).byDefault("0");
    public static final Setting URL_ENABLED = server("url.enabled",
            "identify {\"url\": ...} requests (private addresses refused)").flag().byDefault("true");
    public static final Setting URL_ALLOW = server("url.allow",
            "comma-separated CIDRs or hosts exempt from the private-address refusal, e.g. 10.1.0.0/16").list();

    public static final Setting INFERENCE = both("inference", "INFERENCE", "which model answers: embedded, sagemaker "
            + "or http (the Lambda: sagemaker, or embedded in fieldmark-lambda-embedded.jar)")
            .choice("embedded", "sagemaker", "http").byDefault("embedded").lambdaDefault("sagemaker");
    public static final Setting EMBEDDED_THREADS = both("embedded.threads", "EMBEDDED_THREADS",
            "ONNX Runtime intra-op threads of the embedded model").whole(1, 64).byDefault("1")
            .hint("a whole number from 1 to 64 (ONNX Runtime threads for one photo; 1 suits Lambda's small memory "
                    + "sizes)");
    public static final Setting EMBEDDED_MODEL = server("embedded.model",
            "bundled, or the path of another .onnx bird model").byDefault("bundled");
    public static final Setting SAGEMAKER_ENDPOINT = both("sagemaker.endpoint", "SAGEMAKER_ENDPOINT_NAME",
            "SageMaker endpoint name when inference=sagemaker").withEnv("SAGEMAKER_ENDPOINT_NAME");
    public static final Setting SAGEMAKER_CONTENT_TYPE = both("sagemaker.content-type", "SAGEMAKER_CONTENT_TYPE",
            "content type sent to the endpoint (the Lambda: unset sends application/x-image)")
            .byDefault("application/x-image").lambdaDefault(null);
    public static final Setting HTTP_MODEL_URL = server("http-model.url", "model server base URL when inference=http");
    public static final Setting HTTP_MODEL_PROTOCOL = server("http-model.protocol",
            "model server protocol: sagemaker or kserve").choice("sagemaker", "kserve").byDefault("sagemaker");
    public static final Setting HTTP_MODEL_NAME = server("http-model.name", "model name for the kserve protocol");
    public static final Setting TIMEOUT_MS = server("inference.timeout-ms", "how long a remote model may take")
            .whole(1, 600_000).byDefault("10000");
    public static final Setting TIMEOUT = lambda("inference.timeout", "INFERENCE_TIMEOUT",
            "how long one model call may take, SDK retries included (seconds or ISO-8601)")
            .duration(15 * 60).byDefault("30");

    public static final Setting LOCATOR = both("locator.mode", "LOCATOR", "how the bird is found before it is named: "
            + "search, whole or detector; auto: search with the embedded model, whole with a remote one (every window "
            + "would be a paid call)").choice("search", "whole", "detector").byDefault("auto")
            .hint("search, whole or detector (or leave it unset: search with INFERENCE=embedded, whole with "
                    + "SageMaker)");
    public static final Setting SCALES = both("locator.scales", "LOCATOR_SCALES",
            "search: window sides as fractions of the photo's shorter side, comma-separated, e.g. 0.6,0.35")
            .decimal(0.1, 1.0).list().byDefault("0.6")
            .hint("comma-separated fractions of the photo's shorter side between 0.1 and 1, e.g. 0.6,0.35");
    public static final Setting MAX_WINDOWS = both("locator.max-windows", "LOCATOR_MAX_WINDOWS",
            "search: at most this many windows per photo (whole frame included; 4-9 ms each on one core)")
            .whole(1, 256).byDefault("16").hint("a whole number of windows from 1 to 256");
    public static final Setting EARLY_EXIT = both("locator.early-exit", "LOCATOR_EARLY_EXIT",
            "search: stop at the whole frame when its top class is a bird at least this probable")
            .decimal(0.0, 1.0).byDefault("0.70").hint("a probability from 0 to 1");
    public static final Setting DETECTOR_MODEL = both("locator.detector.model", "LOCATOR_DETECTOR_MODEL",
            "detector: the .onnx object detector when locator.mode=detector");
    public static final Setting DETECTOR_LAYOUT = both("locator.detector.layout", "LOCATOR_DETECTOR_LAYOUT",
            "detector: how the detector's outputs are laid out: ssd (TF Object Detection API: detection_boxes, "
                    + "_classes, _scores) or yolo (YOLOv8 head)").choice("ssd", "yolo").byDefault("ssd")
            .hint("ssd (TF Object Detection API outputs) or yolo (YOLOv8 head)");
    public static final Setting BIRD_CLASSES = both("locator.detector.bird-classes", "LOCATOR_DETECTOR_BIRD_CLASSES",
            "detector: comma-separated class ids of the detector that are birds; unset: COCO's bird of the layout "
                    + "(16 for ssd, 14 for yolo)").list()
            .hint("comma-separated class ids of the detector's birds (or leave it unset for COCO's bird: 16 with "
                    + "the ssd layout, 14 with yolo)");
    public static final Setting MIN_SCORE = both("locator.detector.min-score", "LOCATOR_DETECTOR_MIN_SCORE",
            "detector: boxes scoring below this are ignored").decimal(0.0, 1.0).byDefault("0.5")
            .hint("a probability from 0 to 1");
    public static final Setting NMS_IOU = both("locator.detector.nms-iou", "LOCATOR_DETECTOR_NMS_IOU",
            "detector: of two bird boxes overlapping more than this (intersection over union), only the better one "
                    + "is kept").decimal(0.0, 1.0).byDefault("0.5")
            .hint("an overlap above 0 and at most 1 (0.5 is usual)");
    public static final Setting MARGIN = both("locator.detector.margin", "LOCATOR_DETECTOR_MARGIN",
            "detector: context added around each box for the classifier, as a fraction of the box's width and "
                    + "height").decimal(0.0, 1.0).byDefault("0.10").hint("a fraction of the box from 0 to 1");

    public static final Setting AWS_REGION = both("aws.region", "AWS_REGION",
            "AWS region for s3, sagemaker and sns (default: the SDK's region chain)").withEnv("AWS_REGION");
    public static final Setting AWS_ENDPOINT = both("aws.endpoint", "AWS_ENDPOINT_URL",
            "one endpoint for every AWS service (a local stand-in)").withEnv("AWS_ENDPOINT_URL").url();
    public static final Setting AWS_ENDPOINT_S3 = both("aws.endpoint-s3", "AWS_ENDPOINT_URL_S3",
            "S3 endpoint (path-style when set)").withEnv("AWS_ENDPOINT_URL_S3").url();
    public static final Setting AWS_ENDPOINT_SAGEMAKER = both("aws.endpoint-sagemaker-runtime",
            "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", "SageMaker Runtime endpoint")
            .withEnv("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME").url();
    public static final Setting AWS_ENDPOINT_SNS = both("aws.endpoint-sns", "AWS_ENDPOINT_URL_SNS", "SNS endpoint")
            .withEnv("AWS_ENDPOINT_URL_SNS").url();

    /** In the order of {@code --help} and the README's tables. */
    static final List<Setting> ALL = List.of(HOST, PORT, API_KEY, MAX_BODY_BYTES, WORKERS, QUEUE, RECENT, LABELS,
            THRESHOLD, TOP_K, MAX_IMAGE_BYTES, NOTIFY_NO_BIRD, STORAGE, FOLDER, FOLDER_WATCH, STATE_FILE,
            POLL_INTERVAL, STABILITY_DELAY, S3_BUCKET, KEY_PREFIX, KEY_SUFFIX, PRESIGN_TTL, URL_ENABLED, URL_ALLOW,
            INFERENCE, EMBEDDED_THREADS, EMBEDDED_MODEL, SAGEMAKER_ENDPOINT, SAGEMAKER_CONTENT_TYPE, HTTP_MODEL_URL,
            HTTP_MODEL_PROTOCOL, HTTP_MODEL_NAME, TIMEOUT_MS, TIMEOUT, LOCATOR, SCALES, MAX_WINDOWS, EARLY_EXIT,
            DETECTOR_MODEL, DETECTOR_LAYOUT, BIRD_CLASSES, MIN_SCORE, NMS_IOU, MARGIN, AWS_REGION, AWS_ENDPOINT,
            AWS_ENDPOINT_S3, AWS_ENDPOINT_SAGEMAKER, AWS_ENDPOINT_SNS);

    private IdentifyOptions() {
    }
}
