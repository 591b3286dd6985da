package org.fieldmark.adapter.http.out.url;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.TrustOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;

/**
 * Reads images from http(s) URLs with protection against server-side request forgery. The key
 * of an {@link ImageReference} (bucket empty) is an absolute URL, or a path resolved against the
 * configured base URL. For every hop (the first request and each redirect, followed by hand) the
 * host is resolved once, every resolved address is checked against the refused ranges (loopback,
 * private, link-local, CGNAT, multicast, unspecified, reserved and the cloud metadata addresses,
 * unless allow-listed), and the connection goes to that checked address while the request keeps
 * the original host name for the {@code Host} header, TLS SNI and certificate check, so a DNS
 * answer that changes between check and connect cannot redirect us. Bodies are capped (early on
 * {@code Content-Length}, then while reading) and must be declared as an accepted media type.
 *
 * <p>Calls block the calling worker thread and must not be made on a Vert.x event loop.
 */
public final class UrlImageStorageAdapter implements ImageStoragePort, AutoCloseable {

    private final UrlFetchSettings settings;
    private final AddressPolicy policy;
    private final HostResolver resolver;
    private final HttpClientAgent client;
    private final HopExchange hops;

    /** Fetches with {@code vertx}'s event loops; closing the adapter closes only its own HTTP client. */
    public UrlImageStorageAdapter(Vertx vertx, UrlFetchSettings settings) {
        this(vertx, settings, HostResolver.system(), address -> { }, null);
    }

    /**
     * For tests: another resolver, a hook that sees every address before it is connected to, and
     * extra trusted certificates ({@code null}: the JDK's default trust).
     */
    UrlImageStorageAdapter(Vertx vertx, UrlFetchSettings settings, HostResolver resolver,
                           Consumer<InetSocketAddress> beforeConnect, TrustOptions trust) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = settings.policy();
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        HttpClientOptions options = new HttpClientOptions();
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = vertx.createHttpClient(options
                .setForceSni(true)
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setDecompressionSupported(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis())));
        this.hops = new HopExchange(client, settings, Objects.requireNonNull(beforeConnect, "beforeConnect"));
    }

    @Override
    public StoredImage fetch(ImageReference reference) {
        Objects.requireNonNull(reference, "reference");
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("UrlImageStorageAdapter.fetch blocks; call it from a worker thread");
        }
        if (!reference.bucket().isEmpty()) {
            throw new InvalidRequestException("URL storage has no buckets: put the image's URL in the key and leave"
                    + " the bucket empty (got bucket '" + reference.bucket() + "')");
        }
        String what = "image '" + reference.key() + "'";
        URI target = ImageUrls.target(reference.key(), settings.baseUrl());
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        for (int hop = 0; ; hop++) {
            HopExchange.Hop answer = hops.exchange(PinnedAddress.of(target, resolver, policy), deadline, what);
            if (answer.location() != null) {
                if (hop >= settings.maxRedirects()) {
                    throw new StorageUnavailableException(what + " was redirected more than "
                            + settings.maxRedirects() + " times; last hop " + target, false);
                }
                target = ImageUrls.redirect(target, answer.location(), what);
                continue;
            }
            return stored(reference, what, answer);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private StoredImage stored(ImageReference reference, String what, HopExchange.Hop answer) {
        int status = answer.status();
        if (status == 404 || status == 410) {
            throw new ImageNotFoundException("no " + what + " (HTTP " + status + ")");
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new StorageUnavailableException(what + " could not be fetched: HTTP " + status
                    + " (throttled or unavailable)", true);
        }
        if (status != 200) {
            throw new StorageUnavailableException(what + " could not be fetched: HTTP " + status, false);
        }
        if (answer.wrongType()) {
            throw new UnsupportedImageException(what + " is served as '" + answer.contentType()
                    + "', not one of " + settings.acceptedContentTypes());
        }
        if (answer.tooLarge() >= 0) {
            throw new ImageTooLargeException(what, answer.tooLarge(), settings.maxBytes());
        }
        if (answer.body().length == 0) {
            throw new EmptyImageException(what + " is empty (0 bytes)");
        }
        return new StoredImage(reference, new ImageBytes(answer.body(), answer.contentType()), answer.etag());
    }

    /** The settings in force, for logs. */
    public UrlFetchSettings settings() {
        return settings;
    }
}
