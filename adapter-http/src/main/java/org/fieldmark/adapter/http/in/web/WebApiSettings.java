package org.fieldmark.adapter.http.in.web;

import java.nio.file.Path;

/**
 * How the web API behaves, built by a bootstrap from its configuration.
 *
 * @param maxBodyBytes       request bodies above this are refused with 413 before they are read in full
 * @param inferenceThreads   size of the worker pool that runs identifications (the use-case calls)
 * @param queueCapacity      identifications that may wait for a worker; one more is refused with 503
 * @param apiKey             when set, every endpoint but {@code /health} and {@code /ready} needs
 *                           {@code Authorization: Bearer <apiKey>}; {@code null} or blank for none
 * @param retryAfterSeconds  the {@code Retry-After} value on 503 and other retryable answers
 * @param defaultRecentLimit how many identifications {@code GET /v1/identifications} lists without {@code limit}
 * @param uploadsDirectory   where multipart uploads are spooled while a request lasts; {@code null} for a
 *                           fresh temporary directory
 */
public record WebApiSettings(long maxBodyBytes, int inferenceThreads, int queueCapacity, String apiKey,
                             int retryAfterSeconds, int defaultRecentLimit, Path uploadsDirectory) {

    /** 6 MB, the SageMaker real-time payload limit, as for images. */
    public static final long DEFAULT_MAX_BODY_BYTES = 6L * 1024 * 1024;
    public static final int DEFAULT_INFERENCE_THREADS = 2;
    public static final int DEFAULT_QUEUE_CAPACITY = 16;
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;
    public static final int DEFAULT_RECENT_LIMIT = 20;

    public WebApiSettings {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maximum body size must be at least 1 byte, got " + maxBodyBytes);
        }
        if (inferenceThreads < 1) {
            throw new IllegalArgumentException("inference threads must be at least 1, got " + inferenceThreads);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue capacity must not be negative, got " + queueCapacity);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative, got " + retryAfterSeconds);
        }
        if (defaultRecentLimit < 1) {
            throw new IllegalArgumentException("default recent limit must be at least 1, got " + defaultRecentLimit);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** 6 MB bodies, 2 inference threads, a queue of 16, no API key, Retry-After 1 s, 20 recent. */
    public static WebApiSettings defaults() {
        return new WebApiSettings(DEFAULT_MAX_BODY_BYTES, DEFAULT_INFERENCE_THREADS, DEFAULT_QUEUE_CAPACITY, null,
                DEFAULT_RETRY_AFTER_SECONDS, DEFAULT_RECENT_LIMIT, null);
    }

    /** Whether requests need a bearer token. */
    public boolean requiresApiKey() {
        return apiKey != null;
    }

    public WebApiSettings withMaxBodyBytes(long bytes) {
        return new WebApiSettings(bytes, inferenceThreads, queueCapacity, apiKey, retryAfterSeconds,
                defaultRecentLimit, uploadsDirectory);
    }

    public WebApiSettings withInferencePool(int threads, int queue) {
        return new WebApiSettings(maxBodyBytes, threads, queue, apiKey, retryAfterSeconds, defaultRecentLimit,
                uploadsDirectory);
    }

    public WebApiSettings withApiKey(String key) {
        return new WebApiSettings(maxBodyBytes, inferenceThreads, queueCapacity, key, retryAfterSeconds,
                defaultRecentLimit, uploadsDirectory);
    }

    public WebApiSettings withRetryAfterSeconds(int seconds) {
        return new WebApiSettings(maxBodyBytes, inferenceThreads, queueCapacity, apiKey, seconds, defaultRecentLimit,
                uploadsDirectory);
    }

    @Override
    public String toString() {
        // Never print the key itself.
        return "WebApiSettings[maxBodyBytes=" + maxBodyBytes + ", inferenceThreads=" + inferenceThreads
                + ", queueCapacity=" + queueCapacity + ", apiKey=" + (apiKey == null ? "none" : "set")
                + ", retryAfterSeconds=" + retryAfterSeconds + ", defaultRecentLimit=" + defaultRecentLimit
                + ", uploadsDirectory=" + uploadsDirectory + "]";
    }
}
