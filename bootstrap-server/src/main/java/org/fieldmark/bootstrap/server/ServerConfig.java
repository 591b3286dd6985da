package org.fieldmark.bootstrap.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the standalone server needs, typed and checked. Built only by {@link ServerConfigLoader}.
 *
 * @param http           the listening socket and API limits
 * @param identification threshold, K, labels, image limit
 * @param storage        where images are read from
 * @param inference      which model answers
 * @param notification   who is told
 * @param aws            AWS region and endpoint overrides
 * @param birdLog        the notification policy, the daily digest and image links
 */
record ServerConfig(Http http, Identification identification, Storage storage, Inference inference, Notify notification,
                    Aws aws, BirdLog birdLog) {

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
    record BirdLog(org.fieldmark.domain.sighting.NotificationPolicy policy, java.time.ZoneId zone, String source,
                   java.time.LocalTime digestTime, java.net.URI publicUrl) {
    }

    /** Region and endpoint overrides for the AWS clients; {@code null} means the SDK's own. */
    record Aws(String region, java.net.URI endpoint, java.net.URI s3Endpoint, java.net.URI sageMakerRuntimeEndpoint,
               java.net.URI snsEndpoint) {
    }

    /** Where the server listens and how much work it takes on. */
    record Http(String host, int port, String apiKey, long maxBodyBytes, int workers, int queueCapacity,
                int recentCapacity) {
    }

    /** How probabilities become a message. {@code labels} is a built-in catalog name or a file. */
    record Identification(String labels, double threshold, int topK, long maxImageBytes, boolean notifyNoBird) {
    }

    enum StorageKind { FOLDER, S3, URL }

    /**
     * Where images come from; the folder is also watched when {@code watch} is on. {@code urlEnabled}
     * turns on {@code {"url": ...}} requests, with {@code urlAllow} exempt from the refusal of
     * private addresses.
     */
    record Storage(StorageKind kind, Path folder, boolean watch, Path stateFile, Duration pollInterval,
                   Duration stabilityDelay, String s3Bucket, boolean urlEnabled, List<String> urlAllow) {
    }

    enum InferenceKind { EMBEDDED, SAGEMAKER, HTTP }

    /** Which model answers. */
    record Inference(InferenceKind kind, int embeddedThreads, String embeddedModel, String sagemakerEndpoint,
                     String sagemakerContentType, String httpUrl, String httpProtocol, String httpModel,
                     Duration timeout) {
    }

    enum NotifyKind { LOG, SNS, WEBHOOK }

    /** Who is told. */
    record Notify(NotifyKind kind, String snsTopicArn, String webhookUrl, String webhookSecret) {
    }
}
