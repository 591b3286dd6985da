package org.fieldmark.adapter.http.out.url;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8} or {@code fe80::/10}. */
record Cidr(byte[] network, int prefix, String text) {

    /** Parses {@code a.b.c.d/n}, {@code x::y/n} or a single address (a /32 or /128 block). Never resolves names. */
    static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!looksLikeAddress(address)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block", e);
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = trimmed.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
            }
            prefix = Integer.parseInt(length);
        }
        return new Cidr(bytes, prefix, trimmed);
    }

    /** IPv4 dotted quads or IPv6 (hex digits, colons, maybe a trailing dotted quad): no names, so no DNS. */
    static boolean looksLikeAddress(String text) {
        return text.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
