package org.fieldmark.adapter.http.out.webhook;

import org.fieldmark.adapter.http.out.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.ConfigurationInvalidException;

/**
 * Where and how identifications are POSTed. Built by the bootstrap from configuration; every
 * problem is reported at once as a {@link ConfigurationInvalidException}.
 *
 * @param url            the receiver's http(s) URL
 * @param secret         the HMAC-SHA256 key; empty sends unsigned deliveries
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long one attempt may take
 * @param maxAttempts    attempts in total (1 = no retry)
 * @param initialBackoff the first retry's backoff ceiling; doubled per retry, with full jitter
 * @param maxBackoff     the largest backoff ceiling
 * @param maxTotalTime   no retry starts later than this after the first attempt (the last wait is shortened
 *                       to fit); a budget shorter than half the first backoff allows no retry
 */
public record WebhookSettings(URI url, String secret, Duration connectTimeout, Duration requestTimeout,
                              int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalTime) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(250);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_TOTAL_TIME = Duration.ofSeconds(30);

    public WebhookSettings {
        secret = secret == null ? "" : secret;
        List<String> problems = new ArrayList<>();
        if (url == null) {
            problems.add("the webhook URL is not set; set it to the receiver's http(s) URL");
        } else if (url.getScheme() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
                || url.getHost() == null) {
            problems.add("the webhook URL '" + WebhookNotificationAdapter.redacted(url)
                    + "' is not an http(s) URL with a host");
        }
        SettingsChecks.positive(problems, "webhook", "connect timeout", connectTimeout);
        SettingsChecks.positive(problems, "webhook", "request timeout", requestTimeout);
        if (maxAttempts < 1 || maxAttempts > 20) {
            problems.add("the webhook max attempts " + maxAttempts + " is outside 1..20");
        }
        SettingsChecks.notNegative(problems, "webhook", "initial backoff", initialBackoff);
        SettingsChecks.notNegative(problems, "webhook", "max backoff", maxBackoff);
        SettingsChecks.notNegative(problems, "webhook", "max total time", maxTotalTime);
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
    }

    /** Deliveries to {@code url}, signed with {@code secret} when it is not empty, with default timeouts and retries. */
    public static WebhookSettings of(URI url, String secret) {
        return new WebhookSettings(url, secret, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_TOTAL_TIME);
    }

    /** The same settings with other timeouts. */
    public WebhookSettings withTimeouts(Duration connect, Duration request) {
        return new WebhookSettings(url, secret, connect, request, maxAttempts, initialBackoff, maxBackoff,
                maxTotalTime);
    }

    /** The same settings with another retry policy. */
    public WebhookSettings withRetries(int attempts, Duration initial, Duration max, Duration total) {
        return new WebhookSettings(url, secret, connectTimeout, requestTimeout, attempts, initial, max, total);
    }

    /** Whether deliveries carry an {@code X-Fieldmark-Signature}. */
    public boolean signed() {
        return !secret.isEmpty();
    }

    @Override
    public String toString() {
        // The secret never reaches a log line.
        return "WebhookSettings[url=" + WebhookNotificationAdapter.redacted(url) + ", signed=" + signed()
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxAttempts="
                + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", maxTotalTime=" + maxTotalTime + "]";
    }
}
