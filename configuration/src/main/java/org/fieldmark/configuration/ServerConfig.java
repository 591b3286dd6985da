package org.fieldmark.configuration;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.fieldmark.domain.sighting.NotificationPolicy;

/**
 * Everything the standalone server needs, typed and checked. Built only by {@link ServerBinder} from the
 * values the server's sources (flags, environment, file) give.
 *
 * @param http           the listening socket and API limits
 * @param identification threshold, K, labels, image limit
 * @param storage        where images are read from
 * @param inference      which model answers
 * @param locator        how the bird is found before it is named
 * @param notification   who is told
 * @param aws            AWS region and endpoint overrides
 * @param sightings      where the bird log is kept
 * @param birdLog        the notification policy, the daily digest and image links
 * @param photos         where uploads and URL photos are kept, and how many
 * @param frigate        Frigate's events, when listened to
 */
public record ServerConfig(Http http, Identification identification, Storage storage, Inference inference,
                           LocatorSettings locator, Notify notification, Aws aws, Sightings sightings,
                           BirdLog birdLog, Photos photos, FrigateConfig frigate) {

    /**
     * The photo store: a folder keeping at most {@code maxCount} photos of at most {@code maxBytes}
     * together, the oldest evicted first; {@code folder} is {@code null} for a temporary folder (a bird
     * log in memory forgets its sightings at exit, so their photos go too).
     */
    public record Photos(Path folder, int maxCount, long maxBytes) {
    }

    public enum SightingsStore { SQLITE, MEMORY }

    /** Where the bird log is kept: a SQLite file at {@code path}, or memory (lost on restart). */
    public record Sightings(SightingsStore store, Path path) {
    }

    /**
     * The bird log's settings.
     *
     * @param policy     the notification policy; {@code null} when {@code policy.mode=off} (no log,
     *                   every photo notified)
     * @param zone       the time zone of local days
     * @param source     the camera or source name on sightings, {@code null} for the bucket
     * @param digestTime the local time of the daily digest, {@code null} for none
     * @param publicUrl  the server's URL as people reach it, {@code null} for no image links
     */
    public record BirdLog(NotificationPolicy policy, ZoneId zone, String source, LocalTime digestTime, URI publicUrl) {
    }

    /** Region and endpoint overrides for the AWS clients; {@code null} means the SDK's own. */
    public record Aws(String region, URI endpoint, URI s3Endpoint, URI sageMakerRuntimeEndpoint, URI snsEndpoint) {
    }

    /** Where the server listens and how much work it takes on. */
    public record Http(String host, int port, String apiKey, long maxBodyBytes, int workers, int queueCapacity,
                int recentCapacity) {
    }

    /** How probabilities become a message. {@code labels} is a built-in catalog name or a file. */
    public record Identification(String labels, double threshold, int topK, long maxImageBytes, boolean notifyNoBird) {
    }

    public enum StorageKind { FOLDER, S3, URL }

    /**
     * Where images come from; the folder is also watched when {@code watch} is on. {@code urlEnabled}
     * turns on {@code {"url": ...}} requests, with {@code urlAllow} exempt from the refusal of
     * private addresses.
     */
    public record Storage(StorageKind kind, Path folder, boolean watch, Path stateFile, Duration pollInterval,
                   Duration stabilityDelay, String s3Bucket, boolean urlEnabled, List<String> urlAllow) {
    }

    public enum InferenceKind { EMBEDDED, SAGEMAKER, HTTP }

    /** Which model answers. */
    public record Inference(InferenceKind kind, int embeddedThreads, String embeddedModel, String sagemakerEndpoint,
                     String sagemakerContentType, String httpUrl, String httpProtocol, String httpModel,
                     Duration timeout) {
    }

    public enum NotifyKind { LOG, SNS, WEBHOOK, MQTT }

    /** Who is told: every channel in {@code kinds}, in that order (at least one, no repeats). */
    public record Notify(List<NotifyKind> kinds, String snsTopicArn, String webhookUrl, String webhookSecret, Mqtt mqtt) {

        public boolean uses(NotifyKind kind) {
            return kinds.contains(kind);
        }
    }

    /** The MQTT broker and topics when notify includes mqtt; file paths and the URL are checked when wired. */
    public record Mqtt(String url, String username, String password, String clientId, String topicPrefix,
                String discoveryPrefix, boolean discovery, String caFile, String trustStore, String trustStorePassword,
                Duration publishTimeout) {

        @Override
        public String toString() {
            // Passwords never reach a log line.
            return "Mqtt[url=" + url + ", username=" + username + ", clientId=" + clientId + ", topicPrefix="
                    + topicPrefix + ", discoveryPrefix=" + discoveryPrefix + ", discovery=" + discovery + ", caFile="
                    + caFile + ", trustStore=" + trustStore + ", publishTimeout=" + publishTimeout + "]";
        }
    }
}
