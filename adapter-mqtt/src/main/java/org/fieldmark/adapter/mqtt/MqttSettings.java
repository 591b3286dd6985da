package org.fieldmark.adapter.mqtt;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fieldmark.application.error.ConfigurationInvalidException;

/**
 * Which broker to publish to and how. Built by the bootstrap from configuration; every problem is
 * reported at once as a {@link ConfigurationInvalidException}.
 *
 * @param url                {@code mqtt://host[:port]} (plain, default port 1883) or {@code mqtts://host[:port]}
 *                           (TLS, default port 8883); {@code tcp://} and {@code ssl://} are accepted as aliases
 * @param username           the user name sent in CONNECT; empty for none
 * @param password           the password sent in CONNECT; empty for none (needs a user name)
 * @param clientId           the MQTT client id; two clients with one id keep disconnecting each other
 * @param caFile             PEM file of the CA(s) that signed the broker's certificate; {@code null} uses the JDK's
 * @param trustStore         a PKCS#12 or JKS trust store instead of {@code caFile}; {@code null} for none
 * @param trustStorePassword the trust store's password; empty for none
 * @param topicPrefix        the first topic level, e.g. {@code fieldmark} gives {@code fieldmark/<source>/sighting}
 * @param discoveryPrefix    Home Assistant's discovery prefix ({@code homeassistant} unless changed in HA)
 * @param discovery          whether Home Assistant discovery configs are published
 * @param connectTimeout     how long one TCP/TLS connection attempt may take
 * @param publishTimeout     how long one notification may wait for the connection and the broker's PUBACKs
 * @param initialBackoff     the first reconnect delay's ceiling; doubled per failed attempt, with jitter
 * @param maxBackoff         the largest reconnect delay
 */
public record MqttSettings(URI url, String username, String password, String clientId, Path caFile, Path trustStore,
                           String trustStorePassword, String topicPrefix, String discoveryPrefix, boolean discovery,
                           Duration connectTimeout, Duration publishTimeout, Duration initialBackoff,
                           Duration maxBackoff) {

    public static final String DEFAULT_TOPIC_PREFIX = "fieldmark";
    public static final String DEFAULT_DISCOVERY_PREFIX = "homeassistant";
    public static final String DEFAULT_CLIENT_ID = "fieldmark";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);

    private static final Set<String> PLAIN = Set.of("mqtt", "tcp");
    private static final Set<String> SECURE = Set.of("mqtts", "ssl");

    public MqttSettings {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        clientId = clientId == null ? "" : clientId.strip();
        trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
        topicPrefix = topicPrefix == null ? "" : topicPrefix.strip();
        discoveryPrefix = discoveryPrefix == null ? "" : discoveryPrefix.strip();
        List<String> problems = new ArrayList<>();
        checkUrl(url, problems);
        if (!password.isEmpty() && username.isEmpty()) {
            problems.add("an MQTT password is set without a user name; set the user name too");
        }
        if (clientId.isEmpty()) {
            problems.add("the MQTT client id must not be empty");
        } else if (clientId.length() > 256 || !clientId.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
            problems.add("the MQTT client id '" + clientId + "' must be 1 to 256 characters without spaces or "
                    + "control characters");
        }
        boolean secure = url != null && url.getScheme() != null
                && SECURE.contains(url.getScheme().toLowerCase(Locale.ROOT));
        checkFile(problems, "CA file", caFile, secure);
        checkFile(problems, "trust store", trustStore, secure);
        if (caFile != null && trustStore != null) {
            problems.add("both an MQTT CA file and a trust store are set; set only one of them");
        }
        checkTopicLevel(problems, "topic prefix", topicPrefix);
        checkTopicLevel(problems, "discovery prefix", discoveryPrefix);
        positive(problems, "connect timeout", connectTimeout);
        positive(problems, "publish timeout", publishTimeout);
        positive(problems, "initial reconnect backoff", initialBackoff);
        positive(problems, "max reconnect backoff", maxBackoff);
        if (initialBackoff != null && maxBackoff != null && initialBackoff.compareTo(maxBackoff) > 0) {
            problems.add("the MQTT initial reconnect backoff " + initialBackoff + " is above the max " + maxBackoff);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
    }

    /** Publishing to {@code url} anonymously with the default client id, topics, timeouts and backoff. */
    public static MqttSettings of(URI url) {
        return new MqttSettings(url, "", "", DEFAULT_CLIENT_ID, null, null, "", DEFAULT_TOPIC_PREFIX,
                DEFAULT_DISCOVERY_PREFIX, true, DEFAULT_CONNECT_TIMEOUT, DEFAULT_PUBLISH_TIMEOUT,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public MqttSettings withCredentials(String user, String secret) {
        return new MqttSettings(url, user, secret, clientId, caFile, trustStore, trustStorePassword, topicPrefix,
                discoveryPrefix, discovery, connectTimeout, publishTimeout, initialBackoff, maxBackoff);
    }

    public MqttSettings withClientId(String id) {
        return new MqttSettings(url, username, password, id, caFile, trustStore, trustStorePassword, topicPrefix,
                discoveryPrefix, discovery, connectTimeout, publishTimeout, initialBackoff, maxBackoff);
    }

    /** Trust the broker's certificate by a PEM CA file, or a trust store (PKCS#12 or JKS) and its password. */
    public MqttSettings withTrust(Path ca, Path store, String storePassword) {
        return new MqttSettings(url, username, password, clientId, ca, store, storePassword, topicPrefix,
                discoveryPrefix, discovery, connectTimeout, publishTimeout, initialBackoff, maxBackoff);
    }

    public MqttSettings withTopics(String prefix, String haDiscoveryPrefix, boolean publishDiscovery) {
        return new MqttSettings(url, username, password, clientId, caFile, trustStore, trustStorePassword, prefix,
                haDiscoveryPrefix, publishDiscovery, connectTimeout, publishTimeout, initialBackoff, maxBackoff);
    }

    public MqttSettings withTimeouts(Duration connect, Duration publish) {
        return new MqttSettings(url, username, password, clientId, caFile, trustStore, trustStorePassword, topicPrefix,
                discoveryPrefix, discovery, connect, publish, initialBackoff, maxBackoff);
    }

    public MqttSettings withBackoff(Duration initial, Duration max) {
        return new MqttSettings(url, username, password, clientId, caFile, trustStore, trustStorePassword, topicPrefix,
                discoveryPrefix, discovery, connectTimeout, publishTimeout, initial, max);
    }

    /** Whether the connection uses TLS ({@code mqtts://}). */
    public boolean tls() {
        return SECURE.contains(url.getScheme().toLowerCase(Locale.ROOT));
    }

    public String host() {
        return url.getHost();
    }

    /** The URL's port, else 8883 for TLS and 1883 for plain connections. */
    public int port() {
        return url.getPort() != -1 ? url.getPort() : tls() ? 8883 : 1883;
    }

    /** {@code mqtt(s)://host:port}, for messages: never a password. */
    public String broker() {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + host() + ":" + port();
    }

    @Override
    public String toString() {
        // Passwords never reach a log line.
        return "MqttSettings[broker=" + (url == null ? null : broker()) + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", clientId=" + clientId + ", caFile=" + caFile
                + ", trustStore=" + trustStore + ", topicPrefix=" + topicPrefix + ", discoveryPrefix="
                + discoveryPrefix + ", discovery=" + discovery + ", connectTimeout=" + connectTimeout
                + ", publishTimeout=" + publishTimeout + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + "]";
    }

    private static void checkUrl(URI url, List<String> problems) {
        if (url == null) {
            problems.add("the MQTT broker URL is not set; set it to mqtt://host:1883 or mqtts://host:8883");
            return;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!PLAIN.contains(scheme) && !SECURE.contains(scheme)) {
            problems.add("the MQTT broker URL '" + redacted(url) + "' must start with mqtt:// (plain) or mqtts:// "
                    + "(TLS)");
            return;
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            problems.add("the MQTT broker URL '" + redacted(url) + "' has no host; write e.g. " + scheme
                    + "://127.0.0.1");
        }
        if (url.getPort() == 0 || url.getPort() > 65535) {
            problems.add("the MQTT broker URL's port " + url.getPort() + " is outside 1..65535");
        }
        if (url.getRawUserInfo() != null) {
            problems.add("the MQTT broker URL carries user info; set the MQTT user name and password instead");
        }
        if ((url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"))
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            problems.add("the MQTT broker URL '" + redacted(url) + "' must be only scheme://host:port, without a "
                    + "path, query or fragment");
        }
    }

    private static void checkFile(List<String> problems, String what, Path file, boolean secure) {
        if (file == null) {
            return;
        }
        if (!secure) {
            problems.add("an MQTT " + what + " is set but the broker URL is plain mqtt://; use mqtts:// for TLS");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            problems.add("the MQTT " + what + " " + file + " is not a readable file");
        }
    }

    private static void checkTopicLevel(List<String> problems, String what, String value) {
        if (value.isEmpty()) {
            problems.add("the MQTT " + what + " must not be empty");
        } else if (value.contains("+") || value.contains("#") || value.contains("\u0000") || value.startsWith("$")
                || value.startsWith("/") || value.endsWith("/") || value.contains("//")) {
            problems.add("the MQTT " + what + " '" + value + "' must be plain topic levels: no + or # wildcards, no "
                    + "leading $, no leading, trailing or double /");
        }
    }

    private static void positive(List<String> problems, String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add("the MQTT " + what + " must be positive, was " + value);
        }
    }

    /** The URL without user info: that often carries a password. */
    static String redacted(URI url) {
        if (url.getHost() == null) {
            return url.getScheme() == null ? "(not a URL)" : url.getScheme() + ":...";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
