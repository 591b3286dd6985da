package org.fieldmark.bootstrap.server;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.domain.sighting.NotificationPolicy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the server's settings from, in rising precedence: defaults, a config file (JSON or YAML,
 * given by {@code --config} or {@code FIELDMARK_CONFIG}), environment variables, and
 * {@code --name=value} flags. Every problem is collected and reported at once.
 */
final class ServerConfigLoader {

    static final String DEFAULT_MAX_BYTES = Long.toString(6L * 1024 * 1024);

    static final List<ConfigOption> OPTIONS = List.of(
            ConfigOption.of("server.host", "127.0.0.1", "address to bind; anything but loopback needs an API key"),
            ConfigOption.of("server.port", "8080", "port to listen on (0 picks a free one)"),
            ConfigOption.of("server.api-key", null, "when set, requests need 'Authorization: Bearer <key>'"),
            ConfigOption.of("server.max-body-bytes", DEFAULT_MAX_BYTES, "largest accepted request body"),
            ConfigOption.of("server.workers", "2", "threads that run identifications"),
            ConfigOption.of("server.queue", "64", "identifications waiting for a worker before 503"),
            ConfigOption.of("server.recent", "200", "identifications kept for /v1/identifications"),
            ConfigOption.of("identification.labels", "auto",
                    "catalog: workshop-4, inat-birds, a labels file path, or auto (inat-birds with the embedded "
                            + "model, else workshop-4)"),
            ConfigOption.of("identification.threshold", "0.70", "confident when the top probability is above it"),
            ConfigOption.of("identification.top-k", "2", "how many species an unsure message lists"),
            ConfigOption.of("identification.max-image-bytes", DEFAULT_MAX_BYTES, "largest accepted image"),
            ConfigOption.of("identification.notify-no-bird", "false", "notify even when no bird is recognised"),
            ConfigOption.of("storage", "folder", "where images are read from: folder, s3 or url"),
            ConfigOption.of("folder.path", "./birds", "the local bucket (created if absent)"),
            ConfigOption.of("folder.watch", "true", "identify new photos dropped into the folder"),
            ConfigOption.of("folder.state-file", null,
                    "remembers processed photos across restarts (default: <folder.path>/.fieldmark-state)"),
            ConfigOption.of("folder.poll-interval-ms", "1000", "how often the folder is rescanned"),
            ConfigOption.of("folder.stability-delay-ms", "200",
                    "how long a new photo's size and time must stay unchanged before it is identified"),
            ConfigOption.of("s3.bucket", null, "bucket to read when storage=s3"),
            ConfigOption.of("url.enabled", "true", "identify {\"url\": ...} requests (private addresses refused)"),
            ConfigOption.of("url.allow", null,
                    "comma-separated CIDRs or hosts exempt from the private-address refusal, e.g. 10.1.0.0/16"),
            ConfigOption.of("inference", "embedded", "which model answers: embedded, sagemaker or http"),
            ConfigOption.of("embedded.threads", "1", "ONNX Runtime intra-op threads of the embedded model"),
            ConfigOption.of("embedded.model", "bundled", "bundled, or the path of another .onnx bird model"),
            ConfigOption.withEnv("sagemaker.endpoint", "SAGEMAKER_ENDPOINT_NAME", null,
                    "SageMaker endpoint name when inference=sagemaker"),
            ConfigOption.of("sagemaker.content-type", "application/x-image", "content type sent to the endpoint"),
            ConfigOption.of("http-model.url", null, "model server base URL when inference=http"),
            ConfigOption.of("http-model.protocol", "sagemaker", "model server protocol: sagemaker or kserve"),
            ConfigOption.of("http-model.name", null, "model name for the kserve protocol"),
            ConfigOption.of("inference.timeout-ms", "10000", "how long a remote model may take"),
            ConfigOption.of("locator.mode", "auto",
                    "how the bird is found before it is named: search, whole or detector; auto: search with the "
                            + "embedded model, whole with a remote one (every window would be a paid call)"),
            ConfigOption.of("locator.scales", "0.6",
                    "search: window sides as fractions of the photo's shorter side, comma-separated, e.g. 0.6,0.35"),
            ConfigOption.of("locator.max-windows", "16", "search: at most this many windows per photo (whole frame "
                    + "included; 4-9 ms each on one core)"),
            ConfigOption.of("locator.early-exit", "0.70",
                    "search: stop at the whole frame when its top class is a bird at least this probable"),
            ConfigOption.of("locator.detector.model", null, "detector: the .onnx object detector when locator.mode="
                    + "detector"),
            ConfigOption.of("locator.detector.layout", "ssd", "detector: how the detector's outputs are laid out: "
                    + "ssd (TF Object Detection API: detection_boxes, _classes, _scores) or yolo (YOLOv8 head)"),
            ConfigOption.of("locator.detector.bird-classes", null,
                    "detector: comma-separated class ids of the detector that are birds; unset: COCO's bird of the "
                            + "layout (16 for ssd, 14 for yolo)"),
            ConfigOption.of("locator.detector.min-score", "0.5", "detector: boxes scoring below this are ignored"),
            ConfigOption.of("locator.detector.nms-iou", "0.5", "detector: of two bird boxes overlapping more than "
                    + "this (intersection over union), only the better one is kept"),
            ConfigOption.of("locator.detector.margin", "0.10", "detector: context added around each box for the "
                    + "classifier, as a fraction of the box's width and height"),
            ConfigOption.withEnv("aws.region", "AWS_REGION", null,
                    "AWS region for s3, sagemaker and sns (default: the SDK's region chain)"),
            ConfigOption.withEnv("aws.endpoint", "AWS_ENDPOINT_URL", null,
                    "one endpoint for every AWS service (a local stand-in)"),
            ConfigOption.withEnv("aws.endpoint-s3", "AWS_ENDPOINT_URL_S3", null, "S3 endpoint (path-style when set)"),
            ConfigOption.withEnv("aws.endpoint-sagemaker-runtime", "AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", null,
                    "SageMaker Runtime endpoint"),
            ConfigOption.withEnv("aws.endpoint-sns", "AWS_ENDPOINT_URL_SNS", null, "SNS endpoint"),
            ConfigOption.of("notify", "log",
                    "who is told: one or more of log, sns, webhook, mqtt, comma-separated (e.g. log,mqtt)"),
            ConfigOption.withEnv("sns.topic-arn", "SNS_TOPIC_ARN", null, "SNS topic ARN when notify has sns"),
            ConfigOption.of("webhook.url", null, "webhook URL when notify has webhook"),
            ConfigOption.of("webhook.secret", null, "signs webhook bodies (X-Fieldmark-Signature) when set"),
            ConfigOption.of("mqtt.url", null,
                    "MQTT broker when notify has mqtt: mqtt://host[:1883] or mqtts://host[:8883] (TLS)"),
            ConfigOption.of("mqtt.username", null, "MQTT user name, when the broker wants one"),
            ConfigOption.of("mqtt.password", null, "MQTT password (needs mqtt.username)"),
            ConfigOption.of("mqtt.client-id", "fieldmark", "MQTT client id; unique per broker"),
            ConfigOption.of("mqtt.topic-prefix", "fieldmark", "sightings go to <prefix>/<source>/sighting"),
            ConfigOption.of("mqtt.discovery", "true", "publish Home Assistant discovery configs (retained)"),
            ConfigOption.of("mqtt.discovery-prefix", "homeassistant", "Home Assistant's MQTT discovery prefix"),
            ConfigOption.of("mqtt.ca-file", null, "PEM CA file the broker's TLS certificate is checked against"),
            ConfigOption.of("mqtt.trust-store", null, "PKCS#12 or JKS trust store instead of mqtt.ca-file"),
            ConfigOption.of("mqtt.trust-store-password", null, "password of mqtt.trust-store"),
            ConfigOption.of("mqtt.publish-timeout-ms", "10000",
                    "how long one notification may wait for the broker's acknowledgement"),
            ConfigOption.of("sightings.store", "sqlite",
                    "where the bird log is kept: sqlite (a file, kept across restarts) or memory (lost on restart)"),
            ConfigOption.of("sightings.path", "./data/fieldmark.db",
                    "the SQLite bird log when sightings.store=sqlite (folders created if absent)"),
            ConfigOption.of("policy.mode", "every",
                    "which sightings are notified: every, new-species, first-of-day, or off (no bird log; every photo "
                            + "is notified, as the workshop did)"),
            ConfigOption.of("policy.record-threshold", "0.3", "sightings at or above this probability are recorded"),
            ConfigOption.of("policy.notify-threshold", "0.70", "recorded sightings above this probability are notified"),
            ConfigOption.of("policy.species-thresholds", null,
                    "notify thresholds per scientific name, e.g. Passer domesticus=0.9,Cyanocitta cristata=0.5"),
            ConfigOption.of("policy.allow", null,
                    "comma-separated scientific or common names that may be notified (empty: all)"),
            ConfigOption.of("policy.deny", null,
                    "comma-separated scientific or common names never notified (still recorded); wins over allow"),
            ConfigOption.of("policy.cooldown-minutes", "0",
                    "minutes after a species was notified before it is notified again (0: off)"),
            ConfigOption.of("policy.species-cooldowns", null,
                    "cooldown minutes per scientific name, e.g. Passer domesticus=60"),
            ConfigOption.of("policy.time-zone", null,
                    "time zone of first-of-day and the digest, e.g. Europe/Berlin (default: the machine's)"),
            ConfigOption.of("policy.source", null,
                    "camera or source name kept on each sighting (default: the bucket, or 'default')"),
            ConfigOption.of("digest.time", null,
                    "local time of the daily digest through the notifier, e.g. 20:00 (empty: no digest)"),
            ConfigOption.of("server.public-url", null,
                    "this server's URL as people reach it, e.g. http://feeder.local:8080; notifications then link "
                            + "folder photos"));

    private static final Map<String, ConfigOption> BY_NAME = byName();

    private final Map<String, String> env;
    private final Function<Path, String> files;

    ServerConfigLoader(Map<String, String> env, Function<Path, String> files) {
        this.env = env;
        this.files = files;
    }

    /** Reads real files. */
    static ServerConfigLoader withEnvironment(Map<String, String> env) {
        return new ServerConfigLoader(env, path -> {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    /** {@code true} when the arguments ask for help rather than a server. */
    static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** Every option with its environment variable, default and meaning. */
    static String help() {
        StringBuilder out = new StringBuilder();
        out.append("Fieldmark server: identifies birds in photos and tells people.\n\n")
                .append("Usage: fieldmark-server [--config FILE] [--name=value ...]\n")
                .append("Precedence: --flags > environment > config file (JSON or YAML) > defaults.\n\n");
        for (ConfigOption option : OPTIONS) {
            out.append(String.format("  --%-32s %s%n", option.name() + "=" + (option.defaultValue() == null
                    ? "" : option.defaultValue()), option.help()));
            out.append(String.format("    %-32s env %s%n", "", option.env()));
        }
        out.append("\n  --config=FILE                      settings file (env FIELDMARK_CONFIG)\n");
        out.append("  --help                             this text\n");
        return out.toString();
    }

    /**
     * Reads every source and checks every value.
     *
     * @throws ConfigurationInvalidException listing every problem found
     */
    ServerConfig load(String[] args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> flags = flags(args, problems);
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigOption option : OPTIONS) {
            if (option.defaultValue() != null) {
                values.put(option.name(), option.defaultValue());
            }
        }
        String configFile = Optional.ofNullable(flags.remove("config")).orElse(env.get("FIELDMARK_CONFIG"));
        if (configFile != null && !configFile.isBlank()) {
            values.putAll(file(Path.of(configFile), problems));
        }
        for (ConfigOption option : OPTIONS) {
            String fromEnv = env.get(option.env());
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(option.name(), fromEnv);
            }
        }
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            if (BY_NAME.containsKey(flag.getKey())) {
                values.put(flag.getKey(), flag.getValue());
            } else {
                problems.add("unknown option --" + flag.getKey() + suggestion(flag.getKey()));
            }
        }
        ServerConfig config = new Typed(values, problems).config();
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
        return config;
    }

    private static Map<String, String> flags(String[] args, List<String> problems) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add("argument '" + arg + "' is not an option; write --name=value (see --help)");
                continue;
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq > 0) {
                flags.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                flags.put(body, args[++i]);
            } else {
                problems.add("option --" + body + " has no value; write --" + body + "=value");
            }
        }
        return flags;
    }

    private Map<String, String> file(Path path, List<String> problems) {
        String text;
        try {
            text = files.apply(path);
        } catch (RuntimeException e) {
            problems.add("config file " + path + " cannot be read: " + e.getMessage());
            return Map.of();
        }
        Map<String, Object> tree;
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".json")) {
                tree = new JsonObject(text).getMap();
            } else {
                Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
                if (loaded == null) {
                    return Map.of();
                }
                if (!(loaded instanceof Map<?, ?> map)) {
                    problems.add("config file " + path + " must hold a mapping of settings, not " + loaded);
                    return Map.of();
                }
                tree = new LinkedHashMap<>();
                map.forEach((k, v) -> tree.put(String.valueOf(k), v));
            }
        } catch (DecodeException | org.yaml.snakeyaml.error.YAMLException e) {
            problems.add("config file " + path + " is not valid " + (name.endsWith(".json") ? "JSON" : "YAML")
                    + ": " + e.getMessage().lines().findFirst().orElse(""));
            return Map.of();
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        Map<String, String> known = new LinkedHashMap<>();
        flat.forEach((key, value) -> {
            if (BY_NAME.containsKey(key)) {
                known.put(key, value);
            } else {
                problems.add("config file " + path + " has unknown setting '" + key + "'" + suggestion(key));
            }
        });
        return known;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, String> out) {
        tree.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested && !BY_NAME.containsKey(name)) {
                flatten(name, (Map<String, Object>) nested, out);
            } else if (value instanceof JsonObject json) {
                flatten(name, json.getMap(), out);
            } else {
                out.put(name, value == null ? "" : String.valueOf(value));
            }
        });
    }

    private static String suggestion(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : BY_NAME.keySet()) {
            int d = distance(unknown, name);
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean " + best + "?" : "; see --help";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Map<String, ConfigOption> byName() {
        Map<String, ConfigOption> map = new LinkedHashMap<>();
        OPTIONS.forEach(option -> map.put(option.name(), option));
        return map;
    }

    /** Turns text values into typed records, noting every bad one. */
    private static final class Typed {
        private final Map<String, String> values;
        private final List<String> problems;

        Typed(Map<String, String> values, List<String> problems) {
            this.values = values;
            this.problems = problems;
        }

        ServerConfig config() {
            ServerConfig.Http http = new ServerConfig.Http(text("server.host"),
                    integer("server.port", 0, 65535), optional("server.api-key"),
                    longValue("server.max-body-bytes", 1, Long.MAX_VALUE), integer("server.workers", 1, 256),
                    integer("server.queue", 0, 100_000), integer("server.recent", 1, 100_000));
            ServerConfig.InferenceKind inferenceKind = choice("inference", ServerConfig.InferenceKind.class,
                    ServerConfig.InferenceKind.EMBEDDED);
            String labels = text("identification.labels");
            if (labels.equals("auto")) {
                labels = inferenceKind == ServerConfig.InferenceKind.EMBEDDED ? "inat-birds" : "workshop-4";
            }
            ServerConfig.Identification identification = new ServerConfig.Identification(labels,
                    decimal("identification.threshold", 0.0, 1.0), integer("identification.top-k", 1, 10_000),
                    longValue("identification.max-image-bytes", 1, Long.MAX_VALUE),
                    bool("identification.notify-no-bird"));
            ServerConfig.StorageKind storageKind = choice("storage", ServerConfig.StorageKind.class,
                    ServerConfig.StorageKind.FOLDER);
            Path folder = Path.of(text("folder.path"));
            String stateFile = optional("folder.state-file");
            ServerConfig.Storage storage = new ServerConfig.Storage(storageKind, folder, bool("folder.watch"),
                    stateFile != null ? Path.of(stateFile) : folder.resolve(".fieldmark-state"),
                    Duration.ofMillis(integer("folder.poll-interval-ms", 50, 3_600_000)),
                    Duration.ofMillis(integer("folder.stability-delay-ms", 0, 600_000)),
                    requiredWhen("s3.bucket", storageKind == ServerConfig.StorageKind.S3, "storage=s3",
                            "the bucket holding the photos"),
                    bool("url.enabled"), list("url.allow"));
            ServerConfig.Inference inference = new ServerConfig.Inference(inferenceKind,
                    integer("embedded.threads", 1, 64), text("embedded.model"),
                    requiredWhen("sagemaker.endpoint", inferenceKind == ServerConfig.InferenceKind.SAGEMAKER,
                            "inference=sagemaker", "the SageMaker endpoint name"),
                    text("sagemaker.content-type"),
                    requiredWhen("http-model.url", inferenceKind == ServerConfig.InferenceKind.HTTP,
                            "inference=http", "the model server's base URL"),
                    oneOf("http-model.protocol", List.of("sagemaker", "kserve")),
                    requiredWhen("http-model.name", inferenceKind == ServerConfig.InferenceKind.HTTP
                            && "kserve".equals(values.get("http-model.protocol")), "http-model.protocol=kserve",
                            "the model's name on the server"),
                    Duration.ofMillis(integer("inference.timeout-ms", 1, 600_000)));
            ServerConfig.Locator locator = locator(inferenceKind);
            List<ServerConfig.NotifyKind> notifyKinds = choices("notify", ServerConfig.NotifyKind.class,
                    ServerConfig.NotifyKind.LOG);
            boolean mqttUsed = notifyKinds.contains(ServerConfig.NotifyKind.MQTT);
            ServerConfig.Mqtt mqtt = new ServerConfig.Mqtt(
                    requiredWhen("mqtt.url", mqttUsed, "notify=mqtt", "the broker's URL, e.g. mqtt://127.0.0.1:1883"),
                    optional("mqtt.username"), optional("mqtt.password"), text("mqtt.client-id"),
                    text("mqtt.topic-prefix"), text("mqtt.discovery-prefix"), bool("mqtt.discovery"),
                    optional("mqtt.ca-file"), optional("mqtt.trust-store"), optional("mqtt.trust-store-password"),
                    Duration.ofMillis(integer("mqtt.publish-timeout-ms", 1, 600_000)));
            ServerConfig.Notify notify = new ServerConfig.Notify(notifyKinds,
                    requiredWhen("sns.topic-arn", notifyKinds.contains(ServerConfig.NotifyKind.SNS), "notify=sns",
                            "the topic ARN that should receive identifications"),
                    requiredWhen("webhook.url", notifyKinds.contains(ServerConfig.NotifyKind.WEBHOOK),
                            "notify=webhook", "the URL that should receive identifications"),
                    optional("webhook.secret"), mqtt);
            ServerConfig.Aws aws = new ServerConfig.Aws(optional("aws.region"), optionalUri("aws.endpoint"),
                    optionalUri("aws.endpoint-s3"), optionalUri("aws.endpoint-sagemaker-runtime"),
                    optionalUri("aws.endpoint-sns"));
            ServerConfig.Sightings sightings = new ServerConfig.Sightings(choice("sightings.store",
                    ServerConfig.SightingsStore.class, ServerConfig.SightingsStore.SQLITE), path("sightings.path"));
            return new ServerConfig(http, identification, storage, inference, locator, notify, aws, sightings,
                    birdLog(identification.notifyNoBird(), storageKind));
        }

        /** The locate stage; auto is search with the embedded model and the whole frame with a remote one. */
        private ServerConfig.Locator locator(ServerConfig.InferenceKind inferenceKind) {
            boolean embedded = inferenceKind == ServerConfig.InferenceKind.EMBEDDED;
            String modeText = text("locator.mode");
            ServerConfig.LocatorMode mode = modeText.equalsIgnoreCase("auto")
                    ? (embedded ? ServerConfig.LocatorMode.SEARCH : ServerConfig.LocatorMode.WHOLE)
                    : choice("locator.mode", ServerConfig.LocatorMode.class, ServerConfig.LocatorMode.WHOLE);
            if (mode == ServerConfig.LocatorMode.SEARCH && !embedded) {
                problems.add("locator.mode=search needs inference=embedded: the search scores its windows with the "
                        + "embedded model (with a remote model every window would be a paid call); set "
                        + "locator.mode=whole or inference=embedded");
            }
            List<Double> scales = new ArrayList<>();
            for (String item : list("locator.scales")) {
                try {
                    double scale = Double.parseDouble(item);
                    if (!(scale >= 0.1 && scale <= 1.0)) {
                        problems.add("locator.scales are fractions of the photo's shorter side between 0.1 and 1, "
                                + "got " + item);
                    }
                    scales.add(scale);
                } catch (NumberFormatException e) {
                    problems.add("locator.scales must be comma-separated numbers such as 0.6,0.35, got '" + item + "'");
                }
            }
            if (scales.isEmpty()) {
                problems.add("locator.scales must list at least one window size, e.g. 0.6");
                scales.add(0.6);
            }
            List<Integer> birdClasses = new ArrayList<>();
            for (String item : list("locator.detector.bird-classes")) {
                try {
                    birdClasses.add(Integer.parseInt(item));
                } catch (NumberFormatException e) {
                    problems.add("locator.detector.bird-classes must be comma-separated class ids such as 14, got '"
                            + item + "'");
                }
            }
            boolean detector = mode == ServerConfig.LocatorMode.DETECTOR;
            String detectorModel = requiredWhen("locator.detector.model", detector, "locator.mode=detector",
                    "the .onnx object detector's path");
            double nmsIou = decimal("locator.detector.nms-iou", 0.0, 1.0);
            if (nmsIou == 0.0) {
                problems.add("locator.detector.nms-iou must be above 0 (0.5 is usual; 1 keeps every box), got 0");
            }
            return new ServerConfig.Locator(mode, List.copyOf(scales), integer("locator.max-windows", 1, 256),
                    decimal("locator.early-exit", 0.0, 1.0), new ServerConfig.Detector(detectorModel,
                    oneOf("locator.detector.layout", List.of("ssd", "yolo")), List.copyOf(birdClasses),
                    decimal("locator.detector.min-score", 0.0, 1.0), nmsIou,
                    decimal("locator.detector.margin", 0.0, 1.0)));
        }

        /** The notification policy and digest; every problem of them is noted, like the rest. */
        private ServerConfig.BirdLog birdLog(boolean notifyNoBird, ServerConfig.StorageKind storageKind) {
            int problemsBefore = problems.size();
            String modeText = text("policy.mode");
            boolean off = modeText.equalsIgnoreCase("off");
            NotificationPolicy.Mode mode = NotificationPolicy.Mode.EVERY;
            if (!off && !modeText.isEmpty()) {
                try {
                    mode = NotificationPolicy.Mode.parse(modeText);
                } catch (IllegalArgumentException e) {
                    problems.add("policy.mode must be one of every, new-species, first-of-day, off, got '" + modeText
                            + "'");
                }
            }
            double record = decimal("policy.record-threshold", 0.0, 1.0);
            double notify = decimal("policy.notify-threshold", 0.0, 1.0);
            Map<String, Double> thresholds = Map.of();
            Map<String, Duration> cooldowns = Map.of();
            try {
                thresholds = NotificationPolicy.parseSpeciesThresholds("policy.species-thresholds",
                        optional("policy.species-thresholds"));
            } catch (NotificationPolicy.InvalidPolicyException e) {
                problems.addAll(e.problems());
            }
            try {
                cooldowns = NotificationPolicy.parseSpeciesCooldowns("policy.species-cooldowns",
                        optional("policy.species-cooldowns"));
            } catch (NotificationPolicy.InvalidPolicyException e) {
                problems.addAll(e.problems());
            }
            long cooldown = longValue("policy.cooldown-minutes", 0, NotificationPolicy.MAX_COOLDOWN_MINUTES);
            ZoneId zone = ZoneId.systemDefault();
            String zoneText = optional("policy.time-zone");
            if (zoneText != null) {
                try {
                    zone = NotificationPolicy.parseZone(zoneText);
                } catch (IllegalArgumentException e) {
                    problems.add("policy.time-zone " + e.getMessage());
                }
            }
            LocalTime digestAt = null;
            String digestText = optional("digest.time");
            if (digestText != null) {
                try {
                    digestAt = LocalTime.parse(digestText);
                } catch (java.time.format.DateTimeParseException e) {
                    problems.add("digest.time must be a local time such as 20:00, got '" + digestText + "'");
                }
                if (off) {
                    problems.add("digest.time needs the bird log, but policy.mode is off; set policy.mode to every, "
                            + "new-species or first-of-day, or unset digest.time");
                }
            }
            java.net.URI publicUrl = optionalUri("server.public-url");
            NotificationPolicy policy = null;
            if (!off && problems.size() == problemsBefore) {
                try {
                    policy = new NotificationPolicy(mode, record, notify, thresholds,
                            NotificationPolicy.parseNames(optional("policy.allow")),
                            NotificationPolicy.parseNames(optional("policy.deny")), Duration.ofMinutes(cooldown),
                            cooldowns, zone, notifyNoBird);
                } catch (NotificationPolicy.InvalidPolicyException e) {
                    // Ranges were checked above with the option names; what is left (a species named twice) is here.
                    e.problems().forEach(p -> problems.add("policy: " + p));
                }
            }
            return new ServerConfig.BirdLog(policy, zone, optional("policy.source"), digestAt, publicUrl);
        }

        private String text(String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                problems.add(name + " must not be empty");
                return "";
            }
            return value.strip();
        }

        private Path path(String name) {
            String value = text(name);
            try {
                return Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(name + " is not a usable path: " + e.getMessage());
                return Path.of(".");
            }
        }

        private String optional(String name) {
            String value = values.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private String requiredWhen(String name, boolean needed, String because, String what) {
            String value = optional(name);
            if (needed && value == null) {
                ConfigOption option = BY_NAME.get(name);
                problems.add(name + " is not set but " + because + " needs it; set it (env " + option.env()
                        + " or --" + name + "=...) to " + what);
            }
            return value;
        }

        private java.net.URI optionalUri(String name) {
            String value = optional(name);
            if (value == null) {
                return null;
            }
            try {
                java.net.URI uri = new java.net.URI(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    problems.add(name + " must be a URL such as http://127.0.0.1:9000, got '" + value + "'");
                    return null;
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                problems.add(name + " must be a URL such as http://127.0.0.1:9000, got '" + value + "'");
                return null;
            }
        }

        private List<String> list(String name) {
            String value = optional(name);
            if (value == null) {
                return List.of();
            }
            List<String> items = new ArrayList<>();
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return List.copyOf(items);
        }

        private int integer(String name, int min, int max) {
            return (int) longValue(name, min, max);
        }

        private long longValue(String name, long min, long max) {
            String value = text(name);
            try {
                long parsed = Long.parseLong(value.replace("_", ""));
                if (parsed < min || parsed > max) {
                    problems.add(name + " must be between " + min + " and " + max + ", got " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                if (!value.isEmpty()) {
                    problems.add(name + " must be a whole number, got '" + value + "'");
                }
                return min;
            }
        }

        private double decimal(String name, double min, double max) {
            String value = text(name);
            try {
                double parsed = Double.parseDouble(value);
                if (!(parsed >= min && parsed <= max)) {
                    problems.add(name + " must be between " + min + " and " + max + ", got " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                if (!value.isEmpty()) {
                    problems.add(name + " must be a number, got '" + value + "'");
                }
                return min;
            }
        }

        private boolean bool(String name) {
            String value = text(name).toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
                return value.equals("true");
            }
            if (!value.isEmpty()) {
                problems.add(name + " must be true or false, got '" + values.get(name) + "'");
            }
            return false;
        }

        private String oneOf(String name, List<String> allowed) {
            String value = text(name).toLowerCase(Locale.ROOT);
            if (!allowed.contains(value) && !value.isEmpty()) {
                problems.add(name + " must be one of " + String.join(", ", allowed) + ", got '" + values.get(name)
                        + "'");
            }
            return value;
        }

        /** A comma-separated list of distinct choices, at least one, in the order written. */
        private <E extends Enum<E>> List<E> choices(String name, Class<E> type, E fallback) {
            String value = text(name);
            List<E> chosen = new ArrayList<>();
            for (String item : value.split(",", -1)) {
                String one = item.strip();
                if (one.isEmpty()) {
                    if (!value.isEmpty()) {
                        problems.add(name + " has an empty item in '" + value + "'; write e.g. log,mqtt");
                    }
                    continue;
                }
                E constant = choiceOf(name, one, type);
                if (constant != null && chosen.contains(constant)) {
                    problems.add(name + " names " + one + " twice in '" + value + "'");
                } else if (constant != null) {
                    chosen.add(constant);
                }
            }
            return chosen.isEmpty() ? List.of(fallback) : List.copyOf(chosen);
        }

        private <E extends Enum<E>> E choiceOf(String name, String value, Class<E> type) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            problems.add(name + " must be one or more of " + String.join(", ", names) + ", got '" + value + "'");
            return null;
        }

        private <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
            String value = text(name);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            if (!value.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (E constant : type.getEnumConstants()) {
                    names.add(constant.name().toLowerCase(Locale.ROOT));
                }
                problems.add(name + " must be one of " + String.join(", ", names) + ", got '" + value + "'");
            }
            return fallback;
        }
    }
}
