package org.fieldmark.adapter.http.out.url;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final int MAX_LOCATION = 8192;

    private final UrlFetchSettings settings;
    private final AddressPolicy policy;
    private final HostResolver resolver;
    private final Consumer<InetSocketAddress> beforeConnect;
    private final HttpClientAgent client;

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
        this.beforeConnect = Objects.requireNonNull(beforeConnect, "beforeConnect");
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
        URI target = target(reference.key());
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        for (int hop = 0; ; hop++) {
            Hop answer = exchange(pin(target), deadline, what);
            if (answer.location() != null) {
                if (hop >= settings.maxRedirects()) {
                    throw new StorageUnavailableException(what + " was redirected more than "
                            + settings.maxRedirects() + " times; last hop " + target, false);
                }
                target = redirect(target, answer.location(), what);
                continue;
            }
            return stored(reference, what, answer);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** The URL a key stands for: an absolute http(s) URL, or a path below the base URL. */
    private URI target(String key) {
        String text = key.strip();
        if (text.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            URI uri = lenientUri(text, "image URL '" + key + "'");
            checkScheme(uri, "image URL '" + key + "'");
            return uri;
        }
        if (settings.baseUrl() == null) {
            throw new InvalidRequestException("image key '" + key + "' is not an absolute http(s) URL and no base URL"
                    + " is configured for URL storage");
        }
        StringBuilder path = new StringBuilder();
        String relative = text.replaceFirst("^/+", "");
        for (String segment : relative.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidRequestException("image key '" + key + "' must not contain '.' or '..' segments");
            }
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(percentEncode(segment, false));
        }
        String base = settings.baseUrl().toString();
        return URI.create(base.endsWith("/") ? base : base + "/").resolve(path.toString());
    }

    private static URI redirect(URI from, String location, String what) {
        URI next;
        try {
            next = from.resolve(lenientUri(location, what + " redirect target '" + location + "'"));
        } catch (IllegalArgumentException e) {
            throw new StorageUnavailableException(what + " was redirected to an unreadable location '" + location
                    + "'", false, e);
        }
        checkScheme(next, what + " redirect target '" + next + "'");
        return next;
    }

    private static void checkScheme(URI uri, String what) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new InvalidRequestException(what + " is refused: only http and https URLs are fetched");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidRequestException(what + " is refused: it has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidRequestException(what + " is refused: URLs with user info (credentials) are not fetched");
        }
    }

    /** Where one hop goes: the host as written and the one checked address to connect to. */
    private record Pinned(URI uri, String host, int port, boolean ssl, InetSocketAddress address) {
    }

    private Pinned pin(URI uri) {
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ssl = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() == -1 ? (ssl ? 443 : 80) : uri.getPort();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new StorageUnavailableException("host '" + bare + "' of " + uri + " could not be resolved", false, e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new StorageUnavailableException("host '" + bare + "' of " + uri + " has no addresses", false);
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(bare, address);
            if (refusal.isPresent()) {
                throw new InvalidRequestException("refusing to fetch " + uri + ": host '" + bare + "' resolves to "
                        + address.getHostAddress() + ", " + refusal.get()
                        + "; add the host or a CIDR block to the URL allow-list if this is intended");
            }
        }
        InetSocketAddress checked = new InetSocketAddress(addresses[0], port);
        return new Pinned(uri, bare, port, ssl, checked);
    }

    /** What one request answered: a redirect, a failure status, or a body. */
    private record Hop(int status, String location, String contentType, String etag, byte[] body, long tooLarge,
                       boolean wrongType) {
    }

    private Hop exchange(Pinned pinned, long deadline, String what) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new StorageUnavailableException(what + " was not fetched within "
                    + settings.totalTimeout().toMillis() + " ms", true);
        }
        beforeConnect.accept(pinned.address());
        String path = pinned.uri().getRawPath() == null || pinned.uri().getRawPath().isEmpty()
                ? "/" : pinned.uri().getRawPath();
        if (pinned.uri().getRawQuery() != null) {
            path += "?" + pinned.uri().getRawQuery();
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(pinned.address()))
                .setHost(pinned.host())
                .setPort(pinned.port())
                .setSsl(pinned.ssl())
                .setURI(path)
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
        Promise<Hop> promise = Promise.promise();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        long limit = settings.maxBytes();
        client.request(options).onComplete(requested -> {
            if (requested.failed()) {
                promise.tryFail(requested.cause());
                return;
            }
            HttpClientRequest request = requested.result();
            inFlight.set(request);
            request.send().onComplete(sent -> {
                if (sent.failed()) {
                    promise.tryFail(sent.cause());
                    return;
                }
                HttpClientResponse response = sent.result();
                // Resetting the stream below (to skip a body we will not read) reports a
                // StreamResetException here; the promise is complete by then, so nothing is lost.
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
                if (status != 200) {
                    promise.tryComplete(new Hop(status, null, contentType, etag, null, -1, false));
                    request.reset();
                    return;
                }
                if (!accepted(contentType)) {
                    promise.tryComplete(new Hop(status, null, contentType, etag, null, -1, true));
                    request.reset();
                    return;
                }
                long declared = declaredLength(response.getHeader("Content-Length"));
                if (declared > limit) {
                    promise.tryComplete(new Hop(status, null, contentType, etag, null, declared, false));
                    request.reset();
                    return;
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(8192, Math.min(declared, 1 << 20)));
                response.handler(chunk -> readChunk(chunk, body, limit, promise, request, status, contentType, etag));
                response.endHandler(done -> promise.tryComplete(
                        new Hop(status, null, contentType, etag, body.toByteArray(), -1, false)));
            });
        });
        try {
            return promise.future().toCompletionStage().toCompletableFuture()
                    .get(remaining, TimeUnit.NANOSECONDS);
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

    private static void readChunk(Buffer chunk, ByteArrayOutputStream body, long limit, Promise<Hop> promise,
                                  HttpClientRequest request, int status, String contentType, String etag) {
        if (promise.future().isComplete()) {
            return;
        }
        long received = (long) body.size() + chunk.length();
        if (received > limit) {
            // Stop reading: the rest of the body is never buffered.
            promise.tryComplete(new Hop(status, null, contentType, etag, null, received, false));
            request.reset();
            return;
        }
        body.writeBytes(chunk.getBytes());
    }

    private static void abort(AtomicReference<HttpClientRequest> inFlight) {
        HttpClientRequest request = inFlight.get();
        if (request != null) {
            request.reset();
        }
    }

    private StoredImage stored(ImageReference reference, String what, Hop answer) {
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

    /** Parses a URL, percent-encoding spaces, controls and non-ASCII characters people paste into URLs. */
    private static URI lenientUri(String text, String what) {
        try {
            return new URI(percentEncode(text, true));
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(what + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    /**
     * Percent-encodes UTF-8 bytes outside the URL's allowed characters; with {@code keepDelimiters}
     * the reserved characters and existing escapes stay (a whole URL), otherwise only unreserved
     * characters and sub-delimiters stay (one path segment).
     */
    private static String percentEncode(String text, boolean keepDelimiters) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            boolean subDelimiter = "!$&'()*+,;=:@".indexOf(c) >= 0;
            boolean delimiter = keepDelimiters && "/?#[]%".indexOf(c) >= 0;
            if (unreserved || subDelimiter || delimiter) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** The settings in force, for logs. */
    public UrlFetchSettings settings() {
        return settings;
    }

}
