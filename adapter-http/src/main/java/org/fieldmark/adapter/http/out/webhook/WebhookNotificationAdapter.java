package org.fieldmark.adapter.http.out.webhook;

import org.fieldmark.adapter.http.out.CappedBody;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * Delivers each identification as a JSON POST ({@link IdentificationResult#toMap()}, message
 * included) to one URL. With a secret, every attempt carries {@code X-Fieldmark-Signature:
 * sha256=<hex>} over the exact body bytes; every attempt of one delivery carries the same
 * {@code X-Fieldmark-Delivery} id (so receivers can drop duplicates) and its
 * {@code X-Fieldmark-Attempt} number. 5xx, 429, timeouts and connection errors are retried with
 * exponential backoff and full jitter, bounded by attempts and total time; other answers are
 * final. A delivery that did not succeed is always a {@link NotificationFailedException}.
 * Calls block the calling (worker) thread. Safe for concurrent callers.
 */
public final class WebhookNotificationAdapter implements NotificationPort {

    /** The header that carries the delivery id, the same for every attempt of one delivery. */
    public static final String DELIVERY_HEADER = "X-Fieldmark-Delivery";
    /** The header that carries the attempt number, starting at 1. */
    public static final String ATTEMPT_HEADER = "X-Fieldmark-Attempt";

    private static final int SNIPPET = 200;

    private final WebhookSettings settings;
    private final HttpClient client;
    private final Supplier<String> deliveryIds;
    private final DoubleSupplier jitter;
    private final LongSupplier nanoClock;
    private final Function<ImageReference, Optional<String>> links;

    public WebhookNotificationAdapter(WebhookSettings settings) {
        this(settings, image -> Optional.empty());
    }

    /**
     * With a link to each photo in the body's {@code imageUrl} (e.g. the server's public URL of a
     * folder photo, or a presigned S3 link); photos without a link have no {@code imageUrl}.
     */
    public WebhookNotificationAdapter(WebhookSettings settings, Function<ImageReference, Optional<String>> links) {
        this(settings, () -> UUID.randomUUID().toString(), () -> ThreadLocalRandom.current().nextDouble(),
                System::nanoTime, links);
    }

    WebhookNotificationAdapter(WebhookSettings settings, Supplier<String> deliveryIds, DoubleSupplier jitter,
                               LongSupplier nanoClock) {
        this(settings, deliveryIds, jitter, nanoClock, image -> Optional.empty());
    }

    WebhookNotificationAdapter(WebhookSettings settings, Supplier<String> deliveryIds, DoubleSupplier jitter,
                               LongSupplier nanoClock, Function<ImageReference, Optional<String>> links) {
        this.links = Objects.requireNonNull(links, "links");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.deliveryIds = deliveryIds;
        this.jitter = jitter;
        this.nanoClock = nanoClock;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The exact bytes POSTed for {@code result} without an image link: its {@code toMap()} (with
     * the bird log's {@code sighting: {id, source, notified, reason}} when there is one) as compact
     * UTF-8 JSON.
     */
    public static byte[] body(IdentificationResult result) {
        return body(result, Optional.empty());
    }

    /** As {@link #body(IdentificationResult)}, plus {@code imageUrl} when there is a link. */
    public static byte[] body(IdentificationResult result, Optional<String> imageUrl) {
        Map<String, Object> map = new LinkedHashMap<>(result.toMap());
        imageUrl.ifPresent(url -> map.put("imageUrl", url));
        return new JsonObject(map).encode().getBytes(StandardCharsets.UTF_8);
    }

    /** The exact bytes POSTed for a digest: {@link DailyDigest#toMap()} ({@code type: digest}, message, counts). */
    public static byte[] body(DailyDigest digest) {
        return new JsonObject(digest.toMap()).encode().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void publish(IdentificationResult result) {
        Objects.requireNonNull(result, "result");
        deliver(body(result, links.apply(result.source())), "'" + result.source() + "'");
    }

    /** POSTs the digest's JSON with the same signing, retries and failure rules as an identification. */
    @Override
    public void publishDigest(DailyDigest digest) {
        Objects.requireNonNull(digest, "digest");
        deliver(body(digest), "the digest of " + digest.date());
    }

    private void deliver(byte[] body, String what) {
        String deliveryId = deliveryIds.get();
        String signature = settings.signed() ? WebhookSignature.sign(settings.secret(), body) : null;
        long started = nanoClock.getAsLong();
        String lastFailure = "no attempt was made";
        boolean lastRetryable = true;
        Throwable lastCause = null;
        int attempt = 0;
        while (attempt < settings.maxAttempts()) {
            attempt++;
            HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "fieldmark-webhook/1")
                    .header(DELIVERY_HEADER, deliveryId)
                    .header(ATTEMPT_HEADER, Integer.toString(attempt))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (signature != null) {
                request.header(WebhookSignature.HEADER, signature);
            }
            try {
                CappedBody answer = new CappedBody(SNIPPET * 4);
                int status = send(request.build(), answer).statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                lastFailure = "HTTP " + status + ": " + snippet(answer.bytes());
                lastCause = null;
                lastRetryable = status >= 500 || status == 429;
                if (!lastRetryable) {
                    break;
                }
            } catch (TimeoutException e) {
                lastFailure = "no answer within " + settings.requestTimeout().toMillis() + " ms";
                lastRetryable = true;
                lastCause = e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                lastFailure = cause instanceof HttpTimeoutException
                        ? "no answer within the timeouts (" + cause.getMessage() + ")"
                        : "could not connect or send (" + cause + ")";
                lastRetryable = true;
                lastCause = cause;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotificationFailedException(describe(deliveryId, what) + " was interrupted after "
                        + attempt + " attempt(s); last failure: " + lastFailure, true, e);
            }
            if (attempt >= settings.maxAttempts()) {
                break;
            }
            Duration delay = delayAfter(attempt);
            Duration elapsed = Duration.ofNanos(nanoClock.getAsLong() - started);
            if (elapsed.plus(delay).compareTo(settings.maxTotalTime()) > 0) {
                lastFailure += "; stopped retrying: the next attempt would start after the "
                        + settings.maxTotalTime().toMillis() + " ms budget";
                break;
            }
            try {
                Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotificationFailedException(describe(deliveryId, what) + " was interrupted after "
                        + attempt + " attempt(s); last failure: " + lastFailure, true, e);
            }
        }
        throw new NotificationFailedException(describe(deliveryId, what) + " failed after " + attempt
                + (attempt == 1 ? " attempt" : " attempts") + "; last failure: " + lastFailure, lastRetryable,
                lastCause);
    }

    private HttpResponse<Void> send(HttpRequest request, CappedBody answer)
            throws InterruptedException, ExecutionException, TimeoutException {
        // Receivers' answers are only quoted in errors: keep their start, drop the rest.
        CompletableFuture<HttpResponse<Void>> pending = client.sendAsync(request, answer.handler());
        try {
            return pending.get(settings.requestTimeout().plus(settings.connectTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
    }

    /** Full jitter: a random time up to {@code initial * 2^(attempt-1)}, the ceiling capped at {@code max}. */
    Duration delayAfter(int attempt) {
        long ceiling = settings.initialBackoff().toNanos();
        long max = settings.maxBackoff().toNanos();
        for (int i = 1; i < attempt && ceiling < max; i++) {
            ceiling *= 2;
        }
        return Duration.ofNanos((long) (Math.min(ceiling, max) * jitter.getAsDouble()));
    }

    private String describe(String deliveryId, String what) {
        return "webhook delivery " + deliveryId + " of " + what + " to " + redacted(settings.url());
    }

    /** The URL without user info, query or fragment: those often carry tokens. */
    static String redacted(URI url) {
        if (url == null) {
            return "null";
        }
        if (url.getHost() == null) {
            return url.getScheme() == null ? "(not a URL)" : url.getScheme() + ":...";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
    }
}
