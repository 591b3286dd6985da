package org.fieldmark.adapter.http.out.frigate;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.fieldmark.adapter.http.out.CappedBody;
import org.fieldmark.adapter.http.out.FullJitterBackoff;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.application.port.out.SubLabelPort;
import org.fieldmark.wire.json.JsonText;

/**
 * Frigate's HTTP API: an event's snapshot cropped to the detector's box
 * ({@code GET /api/events/<id>/snapshot.jpg?crop=1&quality=95}) as an image store whose bucket is
 * the camera and whose key is the event id, and the event's sub label written back
 * ({@code POST /api/events/<id>/sub_label} with {@code {"subLabel", "subLabelScore", "camera"}}).
 * 5xx, 429, timeouts and connection errors are retried with exponential backoff and full jitter
 * (Failsafe), then fail retryable; 401 and 403 say to check {@code frigate.token}; a snapshot that
 * is not there (404) is {@link ImageNotFoundException}. The JDK's HTTP client, blocking the
 * calling (worker) thread. Safe for concurrent callers.
 */
public final class FrigateApiAdapter implements ImageStoragePort, SubLabelPort {

    private static final int SNIPPET = 200;

    /** What one attempt got back. */
    private record Answer(int status, CappedBody body, String contentType) {
    }

    /** A failed attempt another may mend: 5xx, 429, a timeout, no connection. */
    private static final class Transient extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Transient(String why, Throwable cause) {
            super(why, cause, false, false);
        }
    }

    private final FrigateApiSettings settings;
    private final HttpClient client;
    private final FailsafeExecutor<Answer> retries;

    public FrigateApiAdapter(FrigateApiSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retries = Failsafe.with(new FullJitterBackoff(settings.initialBackoff(), settings.maxBackoff())
                .applyTo(RetryPolicy.<Answer>builder().handle(Transient.class)
                        .withMaxAttempts(settings.maxAttempts())).build());
    }

    @Override
    public StoredImage fetch(ImageReference reference) {
        String what = "the snapshot of Frigate event '" + reference.key() + "' (camera " + reference.bucket() + ")";
        Answer answer = call(request("/api/events/" + segment(reference.key()) + "/snapshot.jpg?crop=1&quality=95")
                .GET(), what, settings.maxImageBytes(), false);
        int status = answer.status();
        if (status == 404) {
            throw new ImageNotFoundException(what + " is not there (HTTP 404): Frigate keeps no snapshot of the event "
                    + "(snapshots off for the camera, or the event was deleted)");
        }
        if (status < 200 || status >= 300) {
            throw (StorageUnavailableException) refusal(what, answer, false);
        }
        if (answer.body().truncated()) {
            throw new ImageTooLargeException(what, answer.body().total(), settings.maxImageBytes());
        }
        byte[] bytes = answer.body().bytes();
        if (bytes.length == 0) {
            throw new EmptyImageException(what + " is empty (0 bytes)");
        }
        return new StoredImage(reference, new ImageBytes(bytes, answer.contentType()), null);
    }

    @Override
    public void writeSubLabel(String eventId, String camera, String name, double score) {
        String what = "the sub label of Frigate event '" + eventId + "' (camera " + camera + ")";
        String body = JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("subLabel", name);
            json.writeNumberField("subLabelScore", Math.round(score * 1000) / 1000.0);
            json.writeStringField("camera", camera);
            json.writeEndObject();
        });
        Answer answer = call(request("/api/events/" + segment(eventId) + "/sub_label")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), what, SNIPPET * 4, true);
        if (answer.status() < 200 || answer.status() >= 300) {
            throw refusal(what, answer, true);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url() + pathAndQuery))
                .timeout(settings.timeout())
                .header("User-Agent", "fieldmark-frigate/1");
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token())
                    .header("Cookie", "frigate_token=" + settings.token());
        }
        return request;
    }

    /** Sends with retries; an answer that is neither transient nor 2xx comes back for the caller to judge. */
    private Answer call(HttpRequest.Builder request, String what, long keep, boolean writing) {
        HttpRequest built = request.build();
        try {
            return retries.get(() -> attempt(built, keep));
        } catch (Transient e) {
            String why = what + " failed after " + settings.maxAttempts() + " attempts; last failure: "
                    + e.getMessage();
            throw writing ? new NotificationFailedException(why, true, e.getCause())
                    : new StorageUnavailableException(why, true, e.getCause());
        } catch (FailsafeException e) {
            Thread.currentThread().interrupt();
            String why = what + " was interrupted";
            throw writing ? new NotificationFailedException(why, true, e) : new StorageUnavailableException(why, true, e);
        }
    }

    private Answer attempt(HttpRequest request, long keep) throws InterruptedException {
        CappedBody body = new CappedBody((int) Math.min(Integer.MAX_VALUE - 8, keep));
        HttpResponse<Void> response;
        try {
            response = client.send(request, body.handler());
        } catch (IOException e) {
            throw new Transient("no answer from " + settings.url() + " (" + e + ")", e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new Transient("HTTP " + status + ": " + snippet(body.bytes()), null);
        }
        return new Answer(status, body, response.headers().firstValue("Content-Type").orElse(""));
    }

    private FieldmarkException refusal(String what, Answer answer, boolean writing) {
        int status = answer.status();
        String why = status == 401 || status == 403
                ? what + " was refused (HTTP " + status + "): set frigate.token to a valid Frigate token, or use "
                        + "Frigate's internal port (5000) that needs no login"
                : what + " failed: HTTP " + status + ": " + snippet(answer.body().bytes());
        return writing ? new NotificationFailedException(why, false) : new StorageUnavailableException(why, false);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
    }
}
