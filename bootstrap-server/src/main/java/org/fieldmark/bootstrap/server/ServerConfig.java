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
 * @param locator        how the bird is found before it is named
 * @param notification   who is told
 * @param aws            AWS region and endpoint overrides
 * @param sightings      where the bird log is kept
 * @param birdLog        the notification policy, the daily digest and image links
 */
record ServerConfig(Http http, Identification identification, Storage storage, Inference inference, Locator locator,
                    Notify notification, Aws aws, Sightings sightings, BirdLog birdLog) {

    enum LocatorMode { SEARCH, WHOLE, DETECTOR }

    /**
     * The locate stage: {@code mode} (auto already resolved), the search's window scales, budget and
     * early exit, and the detector's settings.
     */
    record Locator(LocatorMode mode, List<Double> scales, int maxWindows, double earlyExit, Detector detector) {
    }

    /**
     * The {@code detector} locator's settings ({@code locator.detector.*}).
     *
     * @param model       the .onnx object detector; {@code null} unless locator.mode=detector
     * @param layout      {@code ssd} or {@code yolo}
     * @param birdClasses the detector's bird class ids; empty: COCO's bird of the layout
     * @param minScore    boxes scoring below this are ignored
     * @param nmsIou      of two boxes overlapping more than this, the better one is kept
     * @param margin      context around each box, a fraction of its width and height
     */
    record Detector(String model, String layout, List<Integer> birdClasses, double minScore, double nmsIou,
                    double margin) {
    }

    enum SightingsStore { SQLITE, MEMORY }

    /** Where the bird log is kept: a SQLite file at {@code path}, or memory (lost on restart). */
    record Sightings(SightingsStore store, Path path) {
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

    enum NotifyKind { LOG, SNS, WEBHOOK, MQTT }

    /** Who is told: every channel in {@code kinds}, in that order (at least one, no repeats). */
    record Notify(List<NotifyKind> kinds, String snsTopicArn, String webhookUrl, String webhookSecret, Mqtt mqtt) {

        boolean uses(NotifyKind kind) {
            return kinds.contains(kind);
        }
    }

    /** The MQTT broker and topics when notify includes mqtt; file paths and the URL are checked when wired. */
    record Mqtt(String url, String username, String password, String clientId, String topicPrefix,
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
