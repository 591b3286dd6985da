package org.fieldmark.adapter.http.out.url;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.StorageUnavailableException;

/**
 * Where one hop goes: the host as written (for the {@code Host} header, SNI and the certificate
 * check) and the one checked address to connect to. The host is resolved once and every address
 * it resolves to must pass the {@link AddressPolicy}, so a DNS answer that changes between check
 * and connect cannot redirect the request.
 */
record PinnedAddress(URI uri, String host, int port, boolean ssl, InetSocketAddress address) {

    static PinnedAddress of(URI uri, HostResolver resolver, AddressPolicy policy) {
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
        return new PinnedAddress(uri, bare, port, ssl, new InetSocketAddress(addresses[0], port));
    }

    /** The request target: the raw path ({@code /} when empty) and query. */
    String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
