package org.fieldmark.adapter.http.out.webhook;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.fieldmark.adapter.http.json.DigestJson;
import org.fieldmark.adapter.http.json.ResultJson;
import org.fieldmark.adapter.http.out.FullJitterBackoff;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * Delivers each identification as a JSON POST ({@link ResultJson#of}, message
 * included) to one URL. With a secret, every attempt carries {@code X-Fieldmark-Signature:
 * sha256=<hex>} over the exact body bytes; every attempt of one delivery carries the same
 * {@code X-Fieldmark-Delivery} id (so receivers can drop duplicates) and its
 * {@code X-Fieldmark-Attempt} number. 5xx, 429, timeouts and connection errors are retried with
 * exponential backoff and full jitter (Failsafe), bounded by attempts and total time; other
 * answers are final. A delivery that did not succeed is always a {@link NotificationFailedException}.
 * Calls block the calling (worker) thread. Safe for concurrent callers.
 */
public final class WebhookNotificationAdapter implements NotificationPort {

    /** The header that carries the delivery id, the same for every attempt of one delivery. */
    public static final String DELIVERY_HEADER = "X-Fieldmark-Delivery";
    /** The header that carries the attempt number, starting at 1. */
    public static final String ATTEMPT_HEADER = "X-Fieldmark-Attempt";

    private final WebhookSettings settings;
    private final WebhookPost post;
    private final FailsafeExecutor<Void> retries;
    private final Supplier<String> deliveryIds;
    private final Function<ImageReference, Optional<String>> links;

    public WebhookNotificationAdapter(WebhookSettings settings) {
        this(settings, image -> Optional.empty());
    }

    /**
     * With a link to each photo in the body's {@code imageUrl} (e.g. the server's public URL of a
     * folder photo, or a presigned S3 link); photos without a link have no {@code imageUrl}.
     */
    public WebhookNotificationAdapter(WebhookSettings settings, Function<ImageReference, Optional<String>> links) {
        this(settings, () -> UUID.randomUUID().toString(), links);
    }

    WebhookNotificationAdapter(WebhookSettings settings, Supplier<String> deliveryIds,
                               Function<ImageReference, Optional<String>> links) {
        this.links = Objects.requireNonNull(links, "links");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.deliveryIds = Objects.requireNonNull(deliveryIds, "deliveryIds");
        this.post = new WebhookPost(settings);
        this.retries = Failsafe.with(retryPolicy(settings));
    }

    /**
     * Retries what {@link WebhookPost#worthRetrying} says may succeed, up to the attempts, with
     * full-jitter backoff; no retry starts once the total time since the first attempt is spent
     * (Failsafe shortens the last wait to fit). A budget that cannot hold one wait allows no retry.
     */
    static RetryPolicy<Void> retryPolicy(WebhookSettings settings) {
        FullJitterBackoff backoff = new FullJitterBackoff(settings.initialBackoff(), settings.maxBackoff());
        RetryPolicyBuilder<Void> policy = backoff.applyTo(RetryPolicy.<Void>builder()
                .handleIf(WebhookPost::worthRetrying)
                .withMaxAttempts(settings.maxAttempts()));
        return (settings.maxTotalTime().compareTo(backoff.firstDelay()) > 0
                ? policy.withMaxDuration(settings.maxTotalTime())
                : policy.withMaxAttempts(1)).build();
    }

    /**
     * The exact bytes POSTed for {@code result} without an image link: {@link ResultJson#of} (with
     * the bird log's {@code sighting: {id, source, notified, reason}} when there is one) as compact
     * UTF-8 JSON.
     */
    public static byte[] body(IdentificationResult result) {
        return body(result, Optional.empty());
    }

    /** As {@link #body(IdentificationResult)}, plus {@code imageUrl} when there is a link. */
    public static byte[] body(IdentificationResult result, Optional<String> imageUrl) {
        Map<String, Object> map = ResultJson.of(result);
        imageUrl.ifPresent(url -> map.put("imageUrl", url));
        return new JsonObject(map).encode().getBytes(StandardCharsets.UTF_8);
    }

    /** The exact bytes POSTed for a digest: {@link DigestJson#of} ({@code type: digest}, message, counts). */
    public static byte[] body(DailyDigest digest) {
        return new JsonObject(DigestJson.of(digest)).encode().getBytes(StandardCharsets.UTF_8);
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
        WebhookPost.Delivery delivery = new WebhookPost.Delivery(deliveryIds.get(), body,
                settings.signed() ? WebhookSignature.sign(settings.secret(), body) : null, what);
        AtomicInteger attempts = new AtomicInteger();
        try {
            retries.run(() -> post.send(delivery, attempts.incrementAndGet()));
        } catch (NotificationFailedException e) {
            if (!WebhookPost.worthRetrying(e) || attempts.get() >= settings.maxAttempts()) {
                throw e;
            }
            throw new NotificationFailedException(e.getMessage() + "; stopped retrying: the "
                    + settings.maxTotalTime().toMillis() + " ms budget since the first attempt is spent", true,
                    e.getCause());
        } catch (FailsafeException e) {
            // Only an interrupt while waiting between attempts ends up here.
            Thread.currentThread().interrupt();
            throw new NotificationFailedException(post.describe(delivery) + " was interrupted while backing off after "
                    + attempts.get() + " attempt(s)", true, e.getCause());
        }
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
}
