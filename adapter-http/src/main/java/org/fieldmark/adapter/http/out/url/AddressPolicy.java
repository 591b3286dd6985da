package org.fieldmark.adapter.http.out.url;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which resolved addresses may be connected to. Everything is allowed except the blocks below,
 * unless the allow-list names the host or a block holding the address. IPv6 addresses that embed
 * an IPv4 one (mapped, compatible, NAT64) are judged by the IPv4 address too.
 */
final class AddressPolicy {

    private record Blocked(Cidr block, String why) {
    }

    private static final List<Blocked> BLOCKED = List.of(
            blocked("169.254.169.254/32", "the cloud metadata address"),
            blocked("fd00:ec2::254/128", "the cloud metadata address"),
            blocked("0.0.0.0/8", "an unspecified ('this network') address"),
            blocked("::/128", "the unspecified address"),
            blocked("127.0.0.0/8", "a loopback address"),
            blocked("::1/128", "a loopback address"),
            blocked("10.0.0.0/8", "a private address"),
            blocked("172.16.0.0/12", "a private address"),
            blocked("192.168.0.0/16", "a private address"),
            blocked("fc00::/7", "a private (unique local) address"),
            blocked("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
            blocked("169.254.0.0/16", "a link-local address"),
            blocked("fe80::/10", "a link-local address"),
            blocked("fec0::/10", "a site-local address"),
            blocked("224.0.0.0/4", "a multicast address"),
            blocked("ff00::/8", "a multicast address"),
            blocked("240.0.0.0/4", "a reserved or broadcast address"),
            blocked("192.0.0.0/24", "an IETF protocol assignment address"),
            blocked("198.18.0.0/15", "a benchmarking address"));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private final List<Cidr> allowedBlocks;
    private final List<String> allowedHosts;

    private AddressPolicy(List<Cidr> allowedBlocks, List<String> allowedHosts) {
        this.allowedBlocks = List.copyOf(allowedBlocks);
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    /**
     * Reads allow-list entries (CIDR blocks, single addresses, or host names), adding a sentence
     * per bad entry to {@code problems}.
     */
    static AddressPolicy of(List<String> allow, List<String> problems) {
        List<Cidr> blocks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String entry : allow) {
            String text = entry == null ? "" : entry.strip();
            String bare = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
            if (Cidr.looksLikeAddress(bare.replace("[", "").replace("]", ""))) {
                try {
                    blocks.add(Cidr.parse(text));
                } catch (IllegalArgumentException e) {
                    problems.add("URL allow-list entry " + e.getMessage());
                }
            } else if (text.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?")) {
                hosts.add(canonicalHost(text));
            } else {
                problems.add("URL allow-list entry '" + entry
                        + "' is neither an IP address, a CIDR block (e.g. 127.0.0.1/32) nor a host name");
            }
        }
        return new AddressPolicy(blocks, hosts);
    }

    /** Why connecting to {@code address} (resolved from {@code host}) is refused, or empty when it is allowed. */
    Optional<String> refusal(String host, InetAddress address) {
        if (allowedHosts.contains(canonicalHost(host))) {
            return Optional.empty();
        }
        for (Cidr allowed : allowedBlocks) {
            if (allowed.contains(address)) {
                return Optional.empty();
            }
        }
        Optional<String> why = blockedReason(address);
        if (why.isEmpty()) {
            Optional<InetAddress> embedded = embeddedIpv4(address);
            if (embedded.isPresent()) {
                for (Cidr allowed : allowedBlocks) {
                    if (allowed.contains(embedded.get())) {
                        return Optional.empty();
                    }
                }
                why = blockedReason(embedded.get()).map(reason -> reason + " (embedded in an IPv6 address)");
            }
        }
        return why;
    }

    private static Optional<String> blockedReason(InetAddress address) {
        for (Blocked blocked : BLOCKED) {
            if (blocked.block().contains(address)) {
                return Optional.of(blocked.why() + " (" + blocked.block() + ")");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            if (bytes[i] != 0) {
                compatible = false;
                break;
            }
        }
        if (!compatible && !NAT64.contains(address)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String canonicalHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Blocked blocked(String cidr, String why) {
        return new Blocked(Cidr.parse(cidr), why);
    }
}
