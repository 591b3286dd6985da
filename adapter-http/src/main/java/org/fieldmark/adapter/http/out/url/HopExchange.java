package org.fieldmark.adapter.http.out.url;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.fieldmark.application.error.StorageUnavailableException;

/**
 * One GET to a pinned address, waited for by the calling worker thread within the fetch's
 * deadline: a redirect's location, a failure status, a body of a refused media type or above the
 * size cap (noticed on {@code Content-Length}, then while reading, and never buffered), or the
 * body. The stream of an answer that is not read is reset.
 */
final class HopExchange {

    private static final int MAX_LOCATION = 8192;

    /** What one request answered: a redirect, a failure status, or a body. */
    record Hop(int status, String location, String contentType, String etag, byte[] body, long tooLarge,
               boolean wrongType) {
    }

    private final HttpClientAgent client;
    private final UrlFetchSettings settings;
    private final Consumer<InetSocketAddress> beforeConnect;

    HopExchange(HttpClientAgent client, UrlFetchSettings settings, Consumer<InetSocketAddress> beforeConnect) {
        this.client = client;
        this.settings = settings;
        this.beforeConnect = beforeConnect;
    }

    Hop exchange(PinnedAddress pinned, long deadline, String what) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new StorageUnavailableException(what + " was not fetched within "
                    + settings.totalTimeout().toMillis() + " ms", true);
        }
        beforeConnect.accept(pinned.address());
        Promise<Hop> promise = Promise.promise();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        client.request(requestOptions(pinned)).onComplete(requested -> {
            if (requested.failed()) {
                promise.tryFail(requested.cause());
                return;
            }
            HttpClientRequest request = requested.result();
            inFlight.set(request);
            request.send().onComplete(sent -> {
                if (sent.failed()) {
                    promise.tryFail(sent.cause());
                } else {
                    read(sent.result(), request, promise, what);
                }
            });
        });
        return await(promise, remaining, inFlight, pinned, what);
    }

    private RequestOptions requestOptions(PinnedAddress pinned) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(pinned.address()))
                .setHost(pinned.host())
                .setPort(pinned.port())
                .setSsl(pinned.ssl())
                .setURI(pinned.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(settings.connectTimeout().toMillis())
                .setIdleTimeout(settings.readTimeout().toMillis())
                .putHeader("Accept", "image/*, application/octet-stream;q=0.5")
                .putHeader("User-Agent", "fieldmark-url/1");
        if (pinned.host().contains(":")) {
            // An IPv6 literal: the Host header needs its brackets (RFC 9110 section 7.2); there is no SNI for it.
            boolean defaultPort = pinned.port() == (pinned.ssl() ? 443 : 80);
            options.putHeader("Host", "[" + pinned.host() + "]" + (defaultPort ? "" : ":" + pinned.port()));
        }
        return options;
    }

    /** Decides on the status and headers; reads the body only when it is an image we will take. */
    private void read(HttpClientResponse response, HttpClientRequest request, Promise<Hop> promise, String what) {
        // Resetting the stream (to skip a body we will not read) reports a StreamResetException
        // here; the promise is complete by then, so nothing is lost.
        response.exceptionHandler(promise::tryFail);
        int status = response.statusCode();
        String contentType = Optional.ofNullable(response.getHeader("Content-Type")).orElse("");
        String etag = response.getHeader("ETag");
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            String location = response.getHeader("Location");
            if (location == null || location.isBlank() || location.length() > MAX_LOCATION) {
                promise.tryFail(new StorageUnavailableException(what + " was redirected (HTTP " + status
                        + ") without a usable Location header", false));
            } else {
                promise.tryComplete(new Hop(status, location.strip(), contentType, etag, null, -1, false));
            }
            request.reset();
            return;
        }
        long declared = declaredLength(response.getHeader("Content-Length"));
        Hop unread = status != 200 ? new Hop(status, null, contentType, etag, null, -1, false)
                : !accepted(contentType) ? new Hop(status, null, contentType, etag, null, -1, true)
                : declared > settings.maxBytes() ? new Hop(status, null, contentType, etag, null, declared, false)
                : null;
        if (unread != null) {
            promise.tryComplete(unread);
            request.reset();
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(8192, Math.min(declared, 1 << 20)));
        response.handler(chunk -> readChunk(chunk, body, promise, request, status, contentType, etag));
        response.endHandler(done -> promise.tryComplete(
                new Hop(status, null, contentType, etag, body.toByteArray(), -1, false)));
    }

    private void readChunk(Buffer chunk, ByteArrayOutputStream body, Promise<Hop> promise, HttpClientRequest request,
                           int status, String contentType, String etag) {
        if (promise.future().isComplete()) {
            return;
        }
        long received = (long) body.size() + chunk.length();
        if (received > settings.maxBytes()) {
            // Stop reading: the rest of the body is never buffered.
            promise.tryComplete(new Hop(status, null, contentType, etag, null, received, false));
            request.reset();
            return;
        }
        body.writeBytes(chunk.getBytes());
    }

    private Hop await(Promise<Hop> promise, long remaining, AtomicReference<HttpClientRequest> inFlight,
                      PinnedAddress pinned, String what) {
        try {
            return promise.future().toCompletionStage().toCompletableFuture().get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(inFlight);
            throw new StorageUnavailableException(what + " was not fetched within "
                    + settings.totalTimeout().toMillis() + " ms", true, e);
        } catch (InterruptedException e) {
            abort(inFlight);
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException(what + ": interrupted while fetching", true, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof StorageUnavailableException known) {
                throw known;
            }
            throw new StorageUnavailableException(what + " could not be fetched from " + pinned.uri() + " ("
                    + pinned.address().getAddress().getHostAddress() + "): " + cause, true, cause);
        }
    }

    private static void abort(AtomicReference<HttpClientRequest> inFlight) {
        HttpClientRequest request = inFlight.get();
        if (request != null) {
            request.reset();
        }
    }

    private boolean accepted(String contentType) {
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (media.isEmpty()) {
            return true;
        }
        for (String pattern : settings.acceptedContentTypes()) {
            String wanted = pattern.strip().toLowerCase(Locale.ROOT);
            if (wanted.endsWith("/*") ? media.startsWith(wanted.substring(0, wanted.length() - 1))
                    : media.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static long declaredLength(String header) {
        if (header == null || !header.strip().matches("\\d{1,18}")) {
            return -1;
        }
        return Long.parseLong(header.strip());
    }
}
