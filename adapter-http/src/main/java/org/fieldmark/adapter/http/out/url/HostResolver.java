package org.fieldmark.adapter.http.out.url;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name (or an address literal) into addresses; the system resolver outside tests. */
@FunctionalInterface
interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
