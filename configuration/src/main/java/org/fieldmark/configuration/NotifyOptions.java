package org.fieldmark.configuration;

import static org.fieldmark.configuration.Setting.both;
import static org.fieldmark.configuration.Setting.lambda;
import static org.fieldmark.configuration.Setting.server;

import java.util.List;

/** The options of the way out: who is told, the bird log and its policy, and how deliveries are kept once. */
public final class NotifyOptions {

    public static final Setting NOTIFY = both("notify", "NOTIFY", "who is told: one or more of log, sns, webhook, "
            + "mqtt, comma-separated (e.g. log,mqtt); the Lambda: sns or log")
            .choice("log", "sns", "webhook", "mqtt").list().byDefault("log").lambdaDefault("sns");
    public static final Setting SNS_TOPIC_ARN = both("sns.topic-arn", "SNS_TOPIC_ARN",
            "SNS topic ARN when notify has sns").withEnv("SNS_TOPIC_ARN");
    public static final Setting SNS_SUBJECT = lambda("sns.subject", "SNS_SUBJECT", "subject for e-mail subscribers")
            .hint("at most 100 printable ASCII characters without line breaks");
    public static final Setting WEBHOOK_URL = server("webhook.url", "webhook URL when notify has webhook");
    public static final Setting WEBHOOK_SECRET = server("webhook.secret",
            "signs webhook bodies (X-Fieldmark-Signature) when set");
    public static final Setting MQTT_URL = server("mqtt.url",
            "MQTT broker when notify has mqtt: mqtt://host[:1883] or mqtts://host[:8883] (TLS)");
    public static final Setting MQTT_USERNAME = server("mqtt.username", "MQTT user name, when the broker wants one");
    public static final Setting MQTT_PASSWORD = server("mqtt.password", "MQTT password (needs mqtt.username)");
    public static final Setting MQTT_CLIENT_ID = server("mqtt.client-id", "MQTT client id; unique per broker")
            .byDefault("fieldmark");
    public static final Setting MQTT_TOPIC_PREFIX = server("mqtt.topic-prefix",
            "sightings go to <prefix>/<source>/sighting").byDefault("fieldmark");
    public static final Setting MQTT_DISCOVERY = server("mqtt.discovery",
            "publish Home Assistant discovery configs (retained)").flag().byDefault("true");
    public static final Setting MQTT_DISCOVERY_PREFIX = server("mqtt.discovery-prefix",
            "Home Assistant's MQTT discovery prefix").byDefault("homeassistant");
    public static final Setting MQTT_CA_FILE = server("mqtt.ca-file",
            "PEM CA file the broker's TLS certificate is checked against");
    public static final Setting MQTT_TRUST_STORE = server("mqtt.trust-store",
            "PKCS#12 or JKS trust store instead of mqtt.ca-file");
    public static final Setting MQTT_TRUST_STORE_PASSWORD = server("mqtt.trust-store-password",
            "password of mqtt.trust-store");
    public static final Setting MQTT_PUBLISH_TIMEOUT = server("mqtt.publish-timeout-ms",
            "how long one notification may wait for the broker's acknowledgement").whole(1, 600_000)
            .byDefault("10000");

    public static final Setting SIGHTINGS_STORE = server("sightings.store", "where the bird log is kept: sqlite (a "
            + "file, kept across restarts) or memory (lost on restart)").choice("sqlite", "memory").byDefault("sqlite");
    public static final Setting SIGHTINGS_PATH = server("sightings.path",
            "the SQLite bird log when sightings.store=sqlite (folders created if absent)")
            .byDefault("./data/fieldmark.db");
    public static final Setting SIGHTINGS_BUCKET = lambda("sightings.bucket", "SIGHTINGS_BUCKET",
            "bucket that keeps the bird log, one JSON object per sighting (unset: in memory, per container)");
    public static final Setting SIGHTINGS_PREFIX = lambda("sightings.prefix", "SIGHTINGS_PREFIX",
            "key prefix of the bird log in sightings.bucket").byDefault("fieldmark/");
    public static final Setting IDEMPOTENCY_BUCKET = lambda("idempotency.bucket", "IDEMPOTENCY_BUCKET",
            "bucket for the claim markers that make duplicate deliveries notify once (unset: the container's "
                    + "memory); the template sets the photo bucket");
    public static final Setting IDEMPOTENCY_PREFIX = lambda("idempotency.prefix", "IDEMPOTENCY_PREFIX",
            "key prefix of the claim markers (a lifecycle rule expires them); keep it outside s3.key-prefix")
            .byDefault("fieldmark-idempotency/");
    public static final Setting CLAIM_TIMEOUT = lambda("idempotency.claim-timeout", "IDEMPOTENCY_CLAIM_TIMEOUT",
            "after this an unfinished claim (a crashed attempt) is taken over; longer than the function timeout")
            .duration(24 * 3600).byDefault("900");
    public static final Setting NON_RETRYABLE_TO_DLQ = lambda("sqs.non-retryable-to-dlq", "NON_RETRYABLE_TO_DLQ",
            "SQS source: also report messages that can never succeed, so they move to the dead-letter queue")
            .flag().byDefault("false");

    public static final Setting POLICY_MODE = both("policy.mode", "POLICY_MODE", "which sightings are notified: "
            + "every, new-species, first-of-day, or off (no bird log; every photo is notified, as the workshop did)")
            .choice("every", "new-species", "first-of-day", "off").byDefault("every").lambdaDefault("off");
    public static final Setting RECORD_THRESHOLD = both("policy.record-threshold", "POLICY_RECORD_THRESHOLD",
            "sightings at or above this probability are recorded").decimal(0.0, 1.0).byDefault("0.3");
    public static final Setting NOTIFY_THRESHOLD = both("policy.notify-threshold", "POLICY_NOTIFY_THRESHOLD",
            "recorded sightings above this probability are notified").decimal(0.0, 1.0).byDefault("0.70");
    public static final Setting SPECIES_THRESHOLDS = both("policy.species-thresholds", "POLICY_SPECIES_THRESHOLDS",
            "notify thresholds per scientific name, e.g. Passer domesticus=0.9,Cyanocitta cristata=0.5").list();
    public static final Setting ALLOW = both("policy.allow", "POLICY_ALLOW",
            "comma-separated scientific or common names that may be notified (empty: all)").list();
    public static final Setting DENY = both("policy.deny", "POLICY_DENY",
            "comma-separated scientific or common names never notified (still recorded); wins over allow").list();
    public static final Setting COOLDOWN = both("policy.cooldown-minutes", "POLICY_COOLDOWN_MINUTES",
            "minutes after a species was notified before it is notified again (0: off)")
            .whole(0, PolicyText.MAX_COOLDOWN_MINUTES).byDefault("0")
            .hint("whole minutes from 0 to " + PolicyText.MAX_COOLDOWN_MINUTES + " (0 turns the cooldown off)");
    public static final Setting SPECIES_COOLDOWNS = both("policy.species-cooldowns", "POLICY_SPECIES_COOLDOWNS",
            "cooldown minutes per scientific name, e.g. Passer domesticus=60").list();
    public static final Setting TIME_ZONE = both("policy.time-zone", "POLICY_TIME_ZONE", "time zone of first-of-day "
            + "and the digest, e.g. Europe/Berlin (default: the machine's; the Lambda's: UTC)").lambdaDefault("UTC");
    public static final Setting SOURCE = both("policy.source", "POLICY_SOURCE",
            "camera or source name kept on each sighting (default: the bucket, or 'default')");
    public static final Setting DIGEST_TIME = server("digest.time",
            "local time of the daily digest through the notifier, e.g. 20:00 (empty: no digest)");
    public static final Setting PUBLIC_URL = server("server.public-url", "this server's URL as people reach it, "
            + "e.g. http://feeder.local:8080; notifications then link folder photos").url();

    /** In the order of {@code --help} and the README's tables. */
    static final List<Setting> ALL = List.of(NOTIFY, SNS_TOPIC_ARN, SNS_SUBJECT, WEBHOOK_URL, WEBHOOK_SECRET, MQTT_URL,
            MQTT_USERNAME, MQTT_PASSWORD, MQTT_CLIENT_ID, MQTT_TOPIC_PREFIX, MQTT_DISCOVERY, MQTT_DISCOVERY_PREFIX,
            MQTT_CA_FILE, MQTT_TRUST_STORE, MQTT_TRUST_STORE_PASSWORD, MQTT_PUBLISH_TIMEOUT, SIGHTINGS_STORE,
            SIGHTINGS_PATH, SIGHTINGS_BUCKET, SIGHTINGS_PREFIX, IDEMPOTENCY_BUCKET, IDEMPOTENCY_PREFIX, CLAIM_TIMEOUT,
            NON_RETRYABLE_TO_DLQ, POLICY_MODE, RECORD_THRESHOLD, NOTIFY_THRESHOLD, SPECIES_THRESHOLDS, ALLOW, DENY,
            COOLDOWN, SPECIES_COOLDOWNS, TIME_ZONE, SOURCE, DIGEST_TIME, PUBLIC_URL);

    private NotifyOptions() {
    }
}
