package org.fieldmark.adapter.mqtt.testing;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLException;

/**
 * A real MQTT broker inside the test JVM: Moquette (a Maven dependency, so {@code ./mvnw verify}
 * needs nothing installed) on 127.0.0.1, in memory, with anonymous, password or TLS-only access.
 * Clients reach it through a {@link TcpRelay} on a port of its own, which gives it what
 * {@link Mosquitto} gets from signals: {@link #kill()} cuts every connection and stops listening,
 * {@link #pause()} freezes traffic, and {@link #restart()} brings a fresh broker (nothing retained)
 * back on the same port.
 */
public final class EmbeddedBroker implements MqttBroker {

    // Moquette logs every MQTT packet at INFO; the tests want its warnings only. Held here, as
    // java.util.logging keeps loggers weakly.
    private static final java.util.logging.Logger MOQUETTE_LOG = quiet();

    private final String user;
    private final byte[] password;
    private final Path certificates;
    private final Path caFile;
    private final TcpRelay relay = new TcpRelay();
    private final List<String> events = new ArrayList<>();
    private Server server;

    private EmbeddedBroker(String user, String password, Path certificates, Path caFile) {
        this.user = user;
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        this.certificates = certificates;
        this.caFile = caFile;
    }

    /** A broker that lets anyone in. */
    public static EmbeddedBroker anonymous(Path dir) {
        return start(new EmbeddedBroker(null, null, null, null));
    }

    /** A broker that wants {@code user} and {@code password}. */
    public static EmbeddedBroker withPassword(Path dir, String user, String password) {
        return start(new EmbeddedBroker(user, password, null, null));
    }

    /** A TLS-only broker (anonymous) whose certificate, for 127.0.0.1 and localhost, is signed by {@link #caFile()}. */
    public static EmbeddedBroker withTls(Path dir) {
        try {
            Files.createDirectories(dir);
            Path ca = TestCertificates.generate(dir);
            return start(new EmbeddedBroker(null, null, dir, ca));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedBroker start(EmbeddedBroker broker) {
        try {
            broker.begin();
            return broker;
        } catch (RuntimeException e) {
            broker.relay.close();
            throw e;
        }
    }

    @Override
    public int port() {
        return relay.port();
    }

    @Override
    public String url() {
        return (caFile != null ? "mqtts" : "mqtt") + "://127.0.0.1:" + port();
    }

    @Override
    public Path caFile() {
        return caFile;
    }

    @Override
    public synchronized void kill() {
        relay.shut();
        if (server != null) {
            // Synchronous, like waiting for a killed process to exit: the broker is gone when this
            // returns (Moquette also refuses a second start while the first is still stopping).
            server.stopServer();
            server = null;
            events.add("killed");
        }
    }

    @Override
    public void pause() {
        events.add("paused");
        relay.pause();
    }

    @Override
    public void resume() {
        events.add("resumed");
        relay.resume();
    }

    @Override
    public synchronized void restart() {
        kill();
        begin();
    }

    @Override
    public synchronized String log() {
        return "embedded Moquette behind 127.0.0.1:" + port() + ": " + String.join(", ", events);
    }

    @Override
    public synchronized void close() {
        relay.close();
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    private synchronized void begin() {
        // Moquette records the port it bound to in a map its event loop writes a moment after
        // startServer returns, unsynchronized: reading it races. So the broker gets a port picked
        // here, and another one should a parallel build take that port in between.
        for (int attempt = 1; ; attempt++) {
            int brokerPort = freePort();
            Server started = new Server();
            try {
                started.startServer(new MemoryConfig(properties(brokerPort)), List.of(),
                        caFile == null ? null : this::sslContext, authenticator(), null);
            } catch (IOException | RuntimeException e) {
                stopQuietly(started);
                if (attempt < 3 && causedBy(e, BindException.class)) {
                    continue;
                }
                throw new IllegalStateException("the embedded MQTT broker did not start: " + e.getMessage(), e);
            }
            server = started;
            events.add("started on internal port " + brokerPort);
            relay.open(brokerPort);
            return;
        }
    }

    private Properties properties(int brokerPort) {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("persistence_enabled", "false");
        // Moquette reports usage to its authors unless told not to; tests never reach out.
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("allow_anonymous", Boolean.toString(user == null));
        // Like mosquitto, take messages far larger than Moquette's 8 KB default (a huge Frigate event).
        properties.setProperty("netty.mqtt.message_size", Integer.toString(1024 * 1024));
        if (caFile != null) {
            properties.setProperty("port", "disabled");
            properties.setProperty("ssl_port", Integer.toString(brokerPort));
        } else {
            properties.setProperty("port", Integer.toString(brokerPort));
        }
        return properties;
    }

    private IAuthenticator authenticator() {
        return user == null ? null : (clientId, name, secret) -> user.equals(name) && secret != null
                && MessageDigest.isEqual(password, secret);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.moquette");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static void stopQuietly(Server started) {
        try {
            started.stopServer();
        } catch (RuntimeException ignored) {
            // it never got far enough to need stopping
        }
    }

    private io.netty.handler.ssl.SslContext sslContext() {
        try {
            return SslContextBuilder.forServer(certificates.resolve("server.crt").toFile(),
                    certificates.resolve("server.key").toFile()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("the embedded MQTT broker's TLS certificate did not load: " + e, e);
        }
    }
}
