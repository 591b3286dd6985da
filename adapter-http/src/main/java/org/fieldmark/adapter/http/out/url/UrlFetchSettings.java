package org.fieldmark.adapter.http.out.url;

import org.fieldmark.adapter.http.out.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.ConfigurationInvalidException;

/**
 * How images are fetched from URLs. Built by the bootstrap from configuration; every problem is
 * reported at once as a {@link ConfigurationInvalidException}.
 *
 * @param baseUrl              keys that are not absolute URLs are resolved against this http(s) URL
 *                             (each path segment percent-encoded); {@code null}: only absolute URLs
 * @param maxBytes             the largest image fetched, in bytes
 * @param connectTimeout       how long to wait for a TCP connection
 * @param readTimeout          how long the server may stay silent while we wait for data
 * @param totalTimeout         how long one fetch may take, redirects included
 * @param maxRedirects         redirects followed per fetch (each hop is checked again)
 * @param allow                exceptions to the address refusals: CIDR blocks ({@code 10.1.0.0/16}),
 *                             single addresses ({@code 127.0.0.1}) or host names ({@code images.internal})
 * @param acceptedContentTypes media types accepted, {@code type/*} wildcards allowed; a response without
 *                             a content type is accepted and its bytes are checked later by the service
 */
public record UrlFetchSettings(URI baseUrl, long maxBytes, Duration connectTimeout, Duration readTimeout,
                               Duration totalTimeout, int maxRedirects, List<String> allow,
                               List<String> acceptedContentTypes) {

    public static final long DEFAULT_MAX_BYTES = 6L * 1024 * 1024;
    /** Images are held in one array: 1 GiB is far above any photo and well inside an array's reach. */
    public static final long MAX_LIMIT = 1L << 30;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_REDIRECTS = 3;
    public static final List<String> DEFAULT_CONTENT_TYPES = List.of("image/*", "application/octet-stream");

    public UrlFetchSettings {
        allow = allow == null ? List.of() : List.copyOf(allow);
        acceptedContentTypes = acceptedContentTypes == null ? DEFAULT_CONTENT_TYPES : List.copyOf(acceptedContentTypes);
        List<String> problems = new ArrayList<>();
        if (baseUrl != null && (baseUrl.getScheme() == null
                || !(baseUrl.getScheme().equalsIgnoreCase("http") || baseUrl.getScheme().equalsIgnoreCase("https"))
                || baseUrl.getHost() == null)) {
            problems.add("the URL storage base URL '" + baseUrl + "' is not an http(s) URL with a host");
        }
        if (maxBytes < 1 || maxBytes > MAX_LIMIT) {
            problems.add("the URL storage size limit must be between 1 and " + MAX_LIMIT + " bytes, was " + maxBytes);
        }
        SettingsChecks.positive(problems, "URL storage", "connect timeout", connectTimeout);
        SettingsChecks.positive(problems, "URL storage", "read timeout", readTimeout);
        SettingsChecks.positive(problems, "URL storage", "total timeout", totalTimeout);
        if (maxRedirects < 0 || maxRedirects > 10) {
            problems.add("the URL storage max redirects " + maxRedirects + " is outside 0..10");
        }
        AddressPolicy.of(allow, problems);
        for (String type : acceptedContentTypes) {
            if (type == null || !type.strip().matches("[A-Za-z0-9!#$&^_.+-]+/([A-Za-z0-9!#$&^_.+-]+|\\*)")) {
                problems.add("accepted content type '" + type + "' is not a media type such as image/* or image/jpeg");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
    }

    /** The defaults: no base URL, 6 MB, 2 s connect, 5 s read, 20 s total, 3 redirects, nothing allow-listed. */
    public static UrlFetchSettings defaults() {
        return new UrlFetchSettings(null, DEFAULT_MAX_BYTES, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_TOTAL_TIMEOUT, DEFAULT_MAX_REDIRECTS, List.of(), DEFAULT_CONTENT_TYPES);
    }

    public UrlFetchSettings withBaseUrl(URI base) {
        return new UrlFetchSettings(base, maxBytes, connectTimeout, readTimeout, totalTimeout, maxRedirects, allow,
                acceptedContentTypes);
    }

    public UrlFetchSettings withMaxBytes(long limit) {
        return new UrlFetchSettings(baseUrl, limit, connectTimeout, readTimeout, totalTimeout, maxRedirects, allow,
                acceptedContentTypes);
    }

    public UrlFetchSettings withTimeouts(Duration connect, Duration read, Duration total) {
        return new UrlFetchSettings(baseUrl, maxBytes, connect, read, total, maxRedirects, allow,
                acceptedContentTypes);
    }

    public UrlFetchSettings withMaxRedirects(int redirects) {
        return new UrlFetchSettings(baseUrl, maxBytes, connectTimeout, readTimeout, totalTimeout, redirects, allow,
                acceptedContentTypes);
    }

    public UrlFetchSettings withAllow(List<String> entries) {
        return new UrlFetchSettings(baseUrl, maxBytes, connectTimeout, readTimeout, totalTimeout, maxRedirects,
                entries, acceptedContentTypes);
    }

    public UrlFetchSettings withAcceptedContentTypes(List<String> types) {
        return new UrlFetchSettings(baseUrl, maxBytes, connectTimeout, readTimeout, totalTimeout, maxRedirects, allow,
                types);
    }

    /** The allow-list, read. */
    AddressPolicy policy() {
        return AddressPolicy.of(allow, new ArrayList<>());
    }
}
