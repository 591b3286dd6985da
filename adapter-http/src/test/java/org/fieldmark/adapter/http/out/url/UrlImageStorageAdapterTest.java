package org.fieldmark.adapter.http.out.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fieldmark.adapter.http.out.url.ImageServer.Answer;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.ImageStoragePortContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real fetches from a loopback server. Every adapter here runs with a connect guard that records
 * each address the adapter is about to connect to and fails the test before any connection to a
 * non-loopback address, so even a broken address check never sends traffic off this machine.
 */
class UrlImageStorageAdapterTest {

    private static final byte[] PHOTO = ImageSamples.jpeg(2048);
    private static final List<String> LOOPBACK_ONLY = List.of("127.0.0.1/32");

    private static Vertx vertx;

    private ImageServer server;
    private final List<InetSocketAddress> connects = new CopyOnWriteArrayList<>();
    private final List<UrlImageStorageAdapter> opened = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new ImageServer();
    }

    @AfterEach
    void stopServer() {
        opened.forEach(UrlImageStorageAdapter::close);
        server.close();
    }

    static UrlFetchSettings quick() {
        return UrlFetchSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    private UrlImageStorageAdapter adapter(UrlFetchSettings settings, HostResolver resolver) {
        return adapter(settings, resolver, null);
    }

    private UrlImageStorageAdapter adapter(UrlFetchSettings settings, HostResolver resolver, TrustOptions trust) {
        UrlImageStorageAdapter adapter = new UrlImageStorageAdapter(vertx, settings, resolver, address -> {
            connects.add(address);
            if (!address.getAddress().isLoopbackAddress()) {
                throw new AssertionError("the adapter was about to connect to " + address
                        + "; tests never send traffic off loopback");
            }
        }, trust);
        opened.add(adapter);
        return adapter;
    }

    private UrlImageStorageAdapter adapter(UrlFetchSettings settings) {
        return adapter(settings, HostResolver.system());
    }

    private UrlImageStorageAdapter loopbackAllowed() {
        return adapter(quick().withAllow(LOOPBACK_ONLY));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Nested
    class Contract extends ImageStoragePortContract {
        @Override
        protected ImageStoragePort storage(long maxBytes) {
            // The contract stores a text/plain "image" and expects it back unchanged (refusing it is
            // the service's job); the default accepted types refuse it, tested below.
            return adapter(quick().withBaseUrl(server.base()).withMaxBytes(maxBytes).withAllow(LOOPBACK_ONLY)
                    .withAcceptedContentTypes(List.of("image/*", "application/octet-stream", "text/plain")));
        }

        @Override
        protected ImageReference put(String key, byte[] bytes, String contentType) {
            server.at("/" + key, Answer.image(bytes, contentType));
            return ImageReference.of(key);
        }

        @Override
        protected ImageReference missing(String key) {
            return ImageReference.of(key);
        }
    }

    @Test
    void fetchesAnAbsoluteUrlWithItsTypeAndEtag() {
        server.at("/birds/card.jpg", new Answer(200, PHOTO, Map.of("Content-Type", "image/jpeg", "ETag", "\"v7\""),
                -2, 0));
        ImageReference reference = ImageReference.of(url("/birds/card.jpg"));

        StoredImage image = loopbackAllowed().fetch(reference);

        assertThat(image.reference()).isEqualTo(reference);
        assertThat(image.image().bytes()).isEqualTo(PHOTO);
        assertThat(image.contentType()).isEqualTo("image/jpeg");
        assertThat(image.version()).isEqualTo("\"v7\"");
        assertThat(server.seen).containsExactly(new ImageServer.Seen("/birds/card.jpg", "127.0.0.1:" + server.port()));
        assertThat(connects).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    }

    @Test
    void acceptsOctetStreamAndAMissingContentType() {
        server.at("/a.bin", Answer.image(PHOTO, "application/octet-stream"))
                .at("/b", Answer.image(PHOTO, null));

        assertThat(loopbackAllowed().fetch(ImageReference.of(url("/a.bin"))).contentType())
                .isEqualTo("application/octet-stream");
        assertThat(loopbackAllowed().fetch(ImageReference.of(url("/b"))).image().bytes()).isEqualTo(PHOTO);
    }

    @Test
    void connectsToTheCheckedAddressAndSendsTheOriginalHostName() throws UnknownHostException {
        server.at("/a.jpg", Answer.image(PHOTO, "image/jpeg"));
        AtomicInteger lookups = new AtomicInteger();
        // A rebinding resolver: the first answer is the allowed loopback address, every later one private.
        HostResolver rebinding = host -> {
            assertThat(host).isEqualTo("birds.test");
            return new InetAddress[] {InetAddress.getByAddress(host, lookups.getAndIncrement() == 0
                    ? new byte[] {127, 0, 0, 1} : new byte[] {10, 0, 0, 1})};
        };

        StoredImage image = adapter(quick().withAllow(LOOPBACK_ONLY), rebinding)
                .fetch(ImageReference.of("http://birds.test:" + server.port() + "/a.jpg"));

        assertThat(image.image().bytes()).isEqualTo(PHOTO);
        assertThat(lookups).hasValue(1);
        assertThat(server.seen).containsExactly(new ImageServer.Seen("/a.jpg", "birds.test:" + server.port()));
        assertThat(connects).extracting(InetSocketAddress::getAddress)
                .containsExactly(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    }

    @Test
    void checksEveryHopAgainSoARebindingRedirectIsRefused() {
        server.at("/hop", Answer.redirect(302, "http://birds.test:" + server.port() + "/a.jpg"));
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {127, 0, 0, 1} : new byte[] {10, 0, 0, 1})};

        assertThatThrownBy(() -> adapter(quick().withAllow(LOOPBACK_ONLY), rebinding)
                .fetch(ImageReference.of("http://birds.test:" + server.port() + "/hop")))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("'birds.test' resolves to 10.0.0.1", "a private address");
                });
        assertThat(lookups).hasValue(2);
        assertThat(connects).hasSize(1);
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsRefused() {
        HostResolver mixed = host -> new InetAddress[] {
            InetAddress.getByAddress(host, new byte[] {(byte) 198, 51, 100, 7}),
            InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})};

        assertThatThrownBy(() -> adapter(quick(), mixed).fetch(ImageReference.of("https://mixed.test/a.jpg")))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("'mixed.test' resolves to 10.0.0.1");
                });
        assertThat(connects).isEmpty();
    }

    @Test
    void allowsAHostNamedInTheAllowList() {
        server.at("/a.jpg", Answer.image(PHOTO, "image/jpeg"));
        HostResolver internal = host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        ImageReference reference = ImageReference.of("http://images.internal:" + server.port() + "/a.jpg");

        assertThat(adapter(quick().withAllow(List.of("images.internal")), internal).fetch(reference).image().bytes())
                .isEqualTo(PHOTO);
        assertThatThrownBy(() -> adapter(quick(), internal).fetch(reference))
                .isInstanceOfSatisfying(FieldmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void refusesTheLoopbackServerUntilItIsAllowListed() {
        server.at("/a.jpg", Answer.image(PHOTO, "image/jpeg"));
        ImageReference reference = ImageReference.of(url("/a.jpg"));

        assertThatThrownBy(() -> adapter(quick()).fetch(reference))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("'127.0.0.1' resolves to 127.0.0.1",
                            "a loopback address (127.0.0.0/8)", "allow-list");
                });
        assertThat(server.seen).isEmpty();
        assertThat(loopbackAllowed().fetch(reference).image().bytes()).isEqualTo(PHOTO);
    }

    static Stream<Arguments> forbiddenTargets() {
        return Stream.of(
                Arguments.of("http://127.0.0.1:{port}/a.jpg", "'127.0.0.1'", "a loopback address"),
                Arguments.of("http://localhost:{port}/a.jpg", "'localhost'", "a loopback address"),
                Arguments.of("http://10.0.0.1/a.jpg", "'10.0.0.1'", "a private address (10.0.0.0/8)"),
                Arguments.of("http://172.16.0.1/a.jpg", "'172.16.0.1'", "a private address (172.16.0.0/12)"),
                Arguments.of("http://192.168.1.1/a.jpg", "'192.168.1.1'", "a private address (192.168.0.0/16)"),
                Arguments.of("http://169.254.169.254/latest/meta-data/", "'169.254.169.254'",
                        "the cloud metadata address"),
                Arguments.of("http://169.254.10.1/a.jpg", "'169.254.10.1'", "a link-local address"),
                Arguments.of("http://[::1]:{port}/a.jpg", "'::1'", "a loopback address (::1/128)"),
                Arguments.of("http://[fe80::1]/a.jpg", "'fe80::1'", "a link-local address (fe80::/10)"),
                Arguments.of("http://0.0.0.0:{port}/a.jpg", "'0.0.0.0'", "unspecified"),
                Arguments.of("http://[::]:{port}/a.jpg", "'::'", "the unspecified address"),
                Arguments.of("http://100.64.0.1/a.jpg", "'100.64.0.1'", "carrier-grade NAT"),
                Arguments.of("http://224.0.0.1/a.jpg", "'224.0.0.1'", "a multicast address"),
                Arguments.of("http://[ff02::1]/a.jpg", "'ff02::1'", "a multicast address"),
                Arguments.of("http://255.255.255.255/a.jpg", "'255.255.255.255'", "broadcast"),
                Arguments.of("http://[fd00:ec2::254]/latest/meta-data/", "'fd00:ec2::254'",
                        "the cloud metadata address"),
                Arguments.of("http://[fc00::1]/a.jpg", "'fc00::1'", "a private (unique local) address"),
                Arguments.of("http://[::ffff:10.0.0.1]/a.jpg", "'::ffff:10.0.0.1'", "a private address"),
                Arguments.of("http://[64:ff9b::a9fe:a9fe]/a.jpg", "'64:ff9b::a9fe:a9fe'",
                        "the cloud metadata address (169.254.169.254/32) (embedded in an IPv6 address)"),
                Arguments.of("HTTP://LOCALHOST:{port}/a.jpg", "'LOCALHOST'", "a loopback address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbiddenTargets")
    void refusesForbiddenAddressesBeforeConnecting(String target, String host, String reason) {
        String key = target.replace("{port}", Integer.toString(server.port()));

        assertThatThrownBy(() -> adapter(quick()).fetch(ImageReference.of(key)))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("refusing to fetch", "host " + host, reason);
                });
        assertThat(connects).isEmpty();
        assertThat(server.seen).isEmpty();
    }

    static Stream<Arguments> forbiddenRedirects() {
        return Stream.of(
                Arguments.of(302, "http://169.254.169.254/latest/meta-data/iam/", ErrorCode.INVALID_REQUEST,
                        "the cloud metadata address"),
                Arguments.of(301, "http://10.0.0.1/a.jpg", ErrorCode.INVALID_REQUEST, "a private address"),
                Arguments.of(307, "http://[fd00:ec2::254]/", ErrorCode.INVALID_REQUEST, "the cloud metadata address"),
                Arguments.of(308, "http://[::1]:{port}/a.jpg", ErrorCode.INVALID_REQUEST, "a loopback address"),
                Arguments.of(303, "http://192.168.0.10:8080/a.jpg", ErrorCode.INVALID_REQUEST, "a private address"),
                Arguments.of(302, "file:///etc/passwd", ErrorCode.INVALID_REQUEST, "only http and https"),
                Arguments.of(302, "gopher://127.0.0.1:{port}/_x", ErrorCode.INVALID_REQUEST, "only http and https"));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("forbiddenRedirects")
    void refusesRedirectsToForbiddenPlacesWithoutConnectingThere(int status, String location, ErrorCode code,
                                                                 String reason) {
        server.at("/start.jpg", Answer.redirect(status, location.replace("{port}", Integer.toString(server.port()))));

        assertThatThrownBy(() -> loopbackAllowed().fetch(ImageReference.of(url("/start.jpg"))))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(reason);
                });
        assertThat(connects).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void followsARelativeRedirectKeepingTheHost() {
        server.at("/old.jpg", Answer.redirect(301, "/birds/new.jpg"))
                .at("/birds/new.jpg", Answer.image(PHOTO, "image/jpeg"));

        StoredImage image = loopbackAllowed().fetch(ImageReference.of(url("/old.jpg")));

        assertThat(image.image().bytes()).isEqualTo(PHOTO);
        assertThat(image.reference().key()).isEqualTo(url("/old.jpg"));
        assertThat(server.seen).extracting(ImageServer.Seen::path).containsExactly("/old.jpg", "/birds/new.jpg");
    }

    @Test
    void stopsAfterTheConfiguredNumberOfRedirects() {
        server.at("/loop", Answer.redirect(302, "/loop"));

        assertThatThrownBy(() -> adapter(quick().withAllow(LOOPBACK_ONLY).withMaxRedirects(2))
                .fetch(ImageReference.of(url("/loop"))))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("redirected more than 2 times");
                });
        assertThat(server.seen).hasSize(3);
    }

    static Stream<Arguments> badAnswers() {
        byte[] big = ImageSamples.jpeg(5000);
        return Stream.of(
                Arguments.of("404", Answer.status(404), ErrorCode.IMAGE_NOT_FOUND, false, "HTTP 404"),
                Arguments.of("410", Answer.status(410), ErrorCode.IMAGE_NOT_FOUND, false, "HTTP 410"),
                Arguments.of("500", Answer.status(500), ErrorCode.STORAGE_UNAVAILABLE, true, "HTTP 500"),
                Arguments.of("503", Answer.status(503), ErrorCode.STORAGE_UNAVAILABLE, true, "HTTP 503"),
                Arguments.of("429", Answer.status(429), ErrorCode.STORAGE_UNAVAILABLE, true, "HTTP 429"),
                Arguments.of("403", Answer.status(403), ErrorCode.STORAGE_UNAVAILABLE, false, "HTTP 403"),
                Arguments.of("401", Answer.status(401), ErrorCode.STORAGE_UNAVAILABLE, false, "HTTP 401"),
                Arguments.of("204", new Answer(204, new byte[0], Map.of(), -2, 0), ErrorCode.STORAGE_UNAVAILABLE,
                        false, "HTTP 204"),
                Arguments.of("redirect without Location", new Answer(302, new byte[0], Map.of(), -2, 0),
                        ErrorCode.STORAGE_UNAVAILABLE, false, "without a usable Location"),
                Arguments.of("a web page", Answer.image("<html></html>".getBytes(StandardCharsets.UTF_8),
                        "text/html; charset=utf-8"), ErrorCode.UNSUPPORTED_IMAGE, false, "'text/html; charset=utf-8'"),
                Arguments.of("JSON", Answer.image("{}".getBytes(StandardCharsets.UTF_8), "application/json"),
                        ErrorCode.UNSUPPORTED_IMAGE, false, "not one of [image/*, application/octet-stream]"),
                Arguments.of("declared too large", new Answer(200, big, Map.of("Content-Type", "image/jpeg"),
                        50_000_000, 0), ErrorCode.IMAGE_TOO_LARGE, false, "50000000 bytes, above the limit of 4096"),
                Arguments.of("chunked past the limit", new Answer(200, big, Map.of("Content-Type", "image/jpeg"),
                        -1, 0), ErrorCode.IMAGE_TOO_LARGE, false, "above the limit of 4096"),
                Arguments.of("empty", Answer.image(new byte[0], "image/jpeg"), ErrorCode.IMAGE_EMPTY, false,
                        "is empty (0 bytes)"),
                Arguments.of("silent past the read timeout", new Answer(200, PHOTO, Map.of("Content-Type",
                        "image/jpeg"), -2, 4000), ErrorCode.STORAGE_UNAVAILABLE, true, "could not be fetched"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAnswers")
    void mapsEachBadAnswerToItsError(String name, Answer answer, ErrorCode code, boolean retryable, String phrase) {
        server.at("/birds/x.jpg", answer);
        UrlImageStorageAdapter storage = adapter(quick().withAllow(LOOPBACK_ONLY).withMaxBytes(4096)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1000), Duration.ofSeconds(8)));

        assertThatThrownBy(() -> storage.fetch(ImageReference.of(url("/birds/x.jpg"))))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).contains(phrase).contains("/birds/x.jpg");
                });
    }

    @Test
    void stopsReadingAChunkedBodyOnceItPassesTheLimit() {
        server.at("/big.jpg", new Answer(200, ImageSamples.jpeg(200_000), Map.of("Content-Type", "image/jpeg"), -1, 0));

        assertThatThrownBy(() -> adapter(quick().withAllow(LOOPBACK_ONLY).withMaxBytes(4096))
                .fetch(ImageReference.of(url("/big.jpg"))))
                .isInstanceOfSatisfying(ImageTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(4096);
                    assertThat(e.size()).isGreaterThan(4096).isLessThan(200_000);
                });
    }

    static Stream<Arguments> badReferences() {
        return Stream.of(
                Arguments.of(new ImageReference("feeder", "birds/a.jpg"), "has no buckets"),
                Arguments.of(ImageReference.of("birds/a.jpg"), "no base URL is configured"),
                Arguments.of(ImageReference.of("ftp://127.0.0.1/a.jpg"), "only http and https"),
                Arguments.of(ImageReference.of("file:///etc/passwd"), "only http and https"),
                Arguments.of(ImageReference.of("javascript:alert(1)"), "only http and https"),
                Arguments.of(ImageReference.of("http:///a.jpg"), "has no host"),
                Arguments.of(ImageReference.of("http://user:pw@127.0.0.1/a.jpg"), "user info"),
                Arguments.of(ImageReference.of("http://exa mple.com/a.jpg"), "has no host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReferences")
    void refusesReferencesThatAreNotFetchableUrls(ImageReference reference, String phrase) {
        assertThatThrownBy(() -> loopbackAllowed().fetch(reference))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(phrase);
                });
        assertThat(connects).isEmpty();
    }

    @Test
    void refusesDotSegmentsThatWouldLeaveTheBaseUrl() {
        UrlImageStorageAdapter storage = adapter(quick().withAllow(LOOPBACK_ONLY)
                .withBaseUrl(URI.create(url("/photos/"))));

        assertThatThrownBy(() -> storage.fetch(ImageReference.of("../secret.jpg")))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("'.' or '..' segments");
                });
    }

    @Test
    void reportsAnUnknownHostWithoutRetrying() {
        HostResolver none = host -> {
            throw new UnknownHostException(host);
        };

        assertThatThrownBy(() -> adapter(quick(), none).fetch(ImageReference.of("http://nowhere.test/a.jpg")))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("'nowhere.test'", "could not be resolved");
                });
    }

    @Test
    void refusesToBlockAVertxEventLoop() throws Exception {
        UrlImageStorageAdapter storage = loopbackAllowed();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        vertx.runOnContext(nothing -> {
            try {
                storage.fetch(ImageReference.of(url("/a.jpg")));
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });

        assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker thread");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of((Runnable) () -> quick().withAllow(List.of("10.0.0.0/33")),
                        "'10.0.0.0/33' has a prefix length outside 0..32"),
                Arguments.of((Runnable) () -> quick().withAllow(List.of("not a host!")),
                        "'not a host!' is neither an IP address"),
                Arguments.of((Runnable) () -> quick().withMaxBytes(0), "size limit must be between 1 and 1073741824 bytes"),
                Arguments.of((Runnable) () -> quick().withMaxBytes(3L << 30), "was 3221225472"),
                Arguments.of((Runnable) () -> quick().withBaseUrl(URI.create("ftp://x/")),
                        "base URL 'ftp://x/' is not an http(s) URL"),
                Arguments.of((Runnable) () -> quick().withAcceptedContentTypes(List.of("image")),
                        "'image' is not a media type"),
                Arguments.of((Runnable) () -> quick().withMaxRedirects(11), "max redirects 11 is outside 0..10"),
                Arguments.of((Runnable) () -> quick().withTimeouts(Duration.ZERO, Duration.ofSeconds(1),
                        Duration.ofSeconds(1)), "connect timeout must be positive"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSettings")
    void refusesBadSettingsSayingWhatIsWrong(Runnable build, String phrase) {
        assertThatThrownBy(build::run)
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(phrase);
                });
    }

    /** An HTTPS server on 127.0.0.1 with the certificate of {@code name}; records the SNI names it was asked for. */
    private HttpServer httpsServer(String keystore, List<String> sniNames) throws Exception {
        HttpServer https = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
                .setHost("127.0.0.1").setPort(0)
                .setKeyCertOptions(tls(keystore)));
        https.requestHandler(request -> {
            sniNames.add(String.valueOf(request.connection().indicatedServerName()));
            request.response().putHeader("Content-Type", "image/jpeg").end(Buffer.buffer(PHOTO));
        });
        return https.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static KeyStoreOptions tls(String keystore) {
        return new KeyStoreOptions().setType("PKCS12").setPassword("changeit")
                .setPath(java.nio.file.Path.of("src/test/resources/tls", keystore).toAbsolutePath().toString());
    }

    /** The first TLS handshake of a JVM is slow on a busy two-core machine: give it time. */
    private static UrlFetchSettings patient() {
        return UrlFetchSettings.defaults().withAllow(LOOPBACK_ONLY).withTimeouts(Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    private static final HostResolver BIRDS_TEST_IS_LOOPBACK = host -> {
        if (!host.equals("birds.test")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    };

    @Test
    void speaksTlsToTheCheckedAddressWithTheOriginalNameForSniAndTheCertificateCheck() throws Exception {
        List<String> sniNames = new CopyOnWriteArrayList<>();
        HttpServer https = httpsServer("birds-test.p12", sniNames);
        try {
            StoredImage image = adapter(patient(), BIRDS_TEST_IS_LOOPBACK, tls("trust.p12"))
                    .fetch(ImageReference.of("https://birds.test:" + https.actualPort() + "/a.jpg"));

            assertThat(image.image().bytes()).isEqualTo(PHOTO);
            assertThat(sniNames).containsExactly("birds.test");
        } finally {
            https.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesACertificateForAnotherName() throws Exception {
        HttpServer https = httpsServer("other-test.p12", new CopyOnWriteArrayList<>());
        try {
            UrlImageStorageAdapter storage = adapter(patient(), BIRDS_TEST_IS_LOOPBACK, tls("trust.p12"));

            assertThatThrownBy(() -> storage.fetch(ImageReference.of("https://birds.test:" + https.actualPort()
                    + "/a.jpg")))
                    .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("https://birds.test:" + https.actualPort());
                    });
        } finally {
            https.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fetchesFromAnAllowListedIpv6LiteralWithABracketedHostHeader() throws IOException {
        com.sun.net.httpserver.HttpServer v6;
        try {
            v6 = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0);
        } catch (IOException noIpv6) {
            Assumptions.abort("no IPv6 loopback on this machine: " + noIpv6);
            return;
        }
        List<String> hosts = new CopyOnWriteArrayList<>();
        v6.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PHOTO.length);
            exchange.getResponseBody().write(PHOTO);
            exchange.close();
        });
        v6.start();
        try {
            int port = v6.getAddress().getPort();
            StoredImage image = adapter(quick().withAllow(List.of("::1/128")))
                    .fetch(ImageReference.of("http://[::1]:" + port + "/a.png"));

            assertThat(image.image().bytes()).isEqualTo(PHOTO);
            assertThat(hosts).containsExactly("[::1]:" + port);
        } finally {
            v6.stop(0);
        }
    }
}
