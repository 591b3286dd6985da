package org.fieldmark.adapter.http.out.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.StorageUnavailableException;

/**
 * The URLs URL storage fetches: what an image key stands for, where a redirect leads, and which
 * of them are refused before any connection (not http(s), no host, credentials in the URL).
 */
final class ImageUrls {

    private ImageUrls() {
    }

    /** The URL a key stands for: an absolute http(s) URL, or a path below {@code baseUrl} (may be null). */
    static URI target(String key, URI baseUrl) {
        String text = key.strip();
        if (text.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            URI uri = lenientUri(text, "image URL '" + key + "'");
            checkScheme(uri, "image URL '" + key + "'");
            return uri;
        }
        if (baseUrl == null) {
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
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base : base + "/").resolve(path.toString());
    }

    /** Where a redirect from {@code from} to {@code location} leads, if it may be followed. */
    static URI redirect(URI from, String location, String what) {
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
}
