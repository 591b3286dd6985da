package org.fieldmark.adapter.http.out.frigate;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How Fieldmark talks to Frigate's API.
 *
 * @param url            Frigate's base URL: its internal port (e.g. {@code http://frigate:5000}, no
 *                       login) or its authenticated one ({@code https://frigate:8971}, with a token)
 * @param token          sent as {@code Authorization: Bearer} and as the {@code frigate_token}
 *                       cookie, {@code null} for none
 * @param timeout        per request, connecting included
 * @param maxAttempts    attempts per request for 5xx, 429, timeouts and connection errors (at least 1)
 * @param initialBackoff the first retry's ceiling (full jitter)
 * @param maxBackoff     the largest wait between attempts
 * @param maxImageBytes  larger snapshots are refused
 */
public record FrigateApiSettings(URI url, String token, Duration timeout, int maxAttempts, Duration initialBackoff,
                                 Duration maxBackoff, long maxImageBytes) {

    public FrigateApiSettings {
        Objects.requireNonNull(url, "url");
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("Frigate's URL must be http(s)://host[:port], was " + url);
        }
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        url = URI.create(url.getScheme() + "://" + url.getRawAuthority() + path);
        token = token == null || token.isBlank() ? null : token.strip();
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, got " + maxAttempts);
        }
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException("the snapshot limit must be at least 1 byte, got " + maxImageBytes);
        }
    }

    /** No token, 10 s per request, 4 attempts 0.5 s to 8 s apart, 6 MB snapshots. */
    public static FrigateApiSettings of(URI url) {
        return new FrigateApiSettings(url, null, Duration.ofSeconds(10), 4, Duration.ofMillis(500),
                Duration.ofSeconds(8), 6L * 1024 * 1024);
    }

    public FrigateApiSettings withToken(String value) {
        return new FrigateApiSettings(url, value, timeout, maxAttempts, initialBackoff, maxBackoff, maxImageBytes);
    }

    public FrigateApiSettings withRetries(int attempts, Duration initial, Duration max) {
        return new FrigateApiSettings(url, token, timeout, attempts, initial, max, maxImageBytes);
    }

    public FrigateApiSettings withLimits(Duration requestTimeout, long imageBytes) {
        return new FrigateApiSettings(url, token, requestTimeout, maxAttempts, initialBackoff, maxBackoff, imageBytes);
    }

    @Override
    public String toString() {
        // The token never reaches a log line.
        return "FrigateApiSettings[url=" + url + ", token=" + (token == null ? "none" : "set") + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
