package org.fieldmark.adapter.http.out.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fieldmark.adapter.http.out.CappedBody;
import org.fieldmark.application.error.NotificationFailedException;

/**
 * One attempt of a delivery: the signed POST, its answer, and what a failed answer means. A
 * failure is a {@link NotificationFailedException} that says how many attempts were made so far;
 * it is retryable for 5xx, 429, timeouts and connection errors, and final for other answers.
 */
final class WebhookPost {

    private static final int SNIPPET = 200;

    /** One delivery: the same id, body and signature for every attempt. */
    record Delivery(String id, byte[] body, String signature, String what) {
    }

    private final WebhookSettings settings;
    private final HttpClient client;

    WebhookPost(WebhookSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Whether another attempt may succeed after {@code failure}: retryable, and not an interrupt. */
    static boolean worthRetrying(Throwable failure) {
        return failure instanceof NotificationFailedException failed && failed.retryable()
                && !(failed.getCause() instanceof InterruptedException);
    }

    /** POSTs attempt number {@code attempt} (1-based); returns when the receiver answered 2xx. */
    void send(Delivery delivery, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "fieldmark-webhook/1")
                .header(WebhookNotificationAdapter.DELIVERY_HEADER, delivery.id())
                .header(WebhookNotificationAdapter.ATTEMPT_HEADER, Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        if (delivery.signature() != null) {
            request.header(WebhookSignature.HEADER, delivery.signature());
        }
        CappedBody answer = new CappedBody(SNIPPET * 4);
        int status;
        try {
            status = exchange(request.build(), answer).statusCode();
        } catch (TimeoutException e) {
            throw failed(delivery, attempt, "no answer within " + settings.requestTimeout().toMillis() + " ms",
                    true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw failed(delivery, attempt, cause instanceof HttpTimeoutException
                    ? "no answer within the timeouts (" + cause.getMessage() + ")"
                    : "could not connect or send (" + cause + ")", true, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailedException(describe(delivery) + " was interrupted during attempt " + attempt,
                    true, e);
        }
        if (status < 200 || status >= 300) {
            throw failed(delivery, attempt, "HTTP " + status + ": " + snippet(answer.bytes()),
                    status >= 500 || status == 429, null);
        }
    }

    private HttpResponse<Void> exchange(HttpRequest request, CappedBody answer)
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

    private NotificationFailedException failed(Delivery delivery, int attempt, String failure, boolean retryable,
                                               Throwable cause) {
        return new NotificationFailedException(describe(delivery) + " failed after " + attempt
                + (attempt == 1 ? " attempt" : " attempts") + "; last failure: " + failure, retryable, cause);
    }

    String describe(Delivery delivery) {
        return "webhook delivery " + delivery.id() + " of " + delivery.what() + " to "
                + WebhookNotificationAdapter.redacted(settings.url());
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
    }
}
