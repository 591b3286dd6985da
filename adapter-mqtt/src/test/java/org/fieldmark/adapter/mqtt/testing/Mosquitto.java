package org.fieldmark.adapter.mqtt.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fieldmark.application.testing.OptionalTool;

/**
 * A real mosquitto broker for tests: Debian's {@code mosquitto} binary, started on 127.0.0.1 and a
 * free port with a generated config file in a folder of the test's, optionally with a password
 * file and a TLS listener whose CA and server certificate are generated here with the JDK's
 * keytool. It is optional ({@link #TOOL}): where it is missing, starting it skips the test, or
 * fails it under CI, with a line saying how to install it.
 */
public final class Mosquitto implements MqttBroker {

    /** Debian's mosquitto: skipped where missing, required under CI. */
    public static final OptionalTool TOOL = OptionalTool.of("mosquitto", "mosquitto", Path.of("/usr/sbin/mosquitto"),
            Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"), Path.of("/usr/local/bin/mosquitto"),
            Path.of("/opt/homebrew/sbin/mosquitto"));

    private final Path dir;
    private final int port;
    private final Path config;
    private final Path log;
    private final Path caFile;
    private Process process;

    private Mosquitto(Path dir, int port, Path config, Path caFile) {
        this.dir = dir;
        this.port = port;
        this.config = config;
        this.log = dir.resolve("mosquitto.log");
        this.caFile = caFile;
    }

    /** A broker that lets anyone in. */
    public static Mosquitto anonymous(Path dir) {
        return start(dir, null, null, false);
    }

    /** A broker that wants {@code user} and {@code password}. */
    public static Mosquitto withPassword(Path dir, String user, String password) {
        return start(dir, user, password, false);
    }

    /** A TLS-only broker (anonymous) whose certificate, for 127.0.0.1 and localhost, is signed by {@link #caFile()}. */
    public static Mosquitto withTls(Path dir) {
        return start(dir, null, null, true);
    }

    private static Mosquitto start(Path dir, String user, String password, boolean tls) {
        Path binary = binary();
        try {
            Files.createDirectories(dir);
            // The port is free when picked and taken by mosquitto a moment later; another process
            // (a parallel build) can take it in between: then pick another.
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                List<String> lines = new ArrayList<>();
                lines.add("listener " + port + " 127.0.0.1");
                lines.add("persistence false");
                lines.add("user " + System.getProperty("user.name"));
                lines.add("log_type error");
                lines.add("log_type warning");
                lines.add("log_type notice");
                lines.add("log_type information");
                lines.add("connection_messages true");
                if (user != null) {
                    Path passwords = dir.resolve("passwords");
                    Files.deleteIfExists(passwords);
                    run(List.of(sibling(binary, "mosquitto_passwd"), "-b", "-c", passwords.toString(), user, password));
                    lines.add("allow_anonymous false");
                    lines.add("password_file " + passwords);
                } else {
                    lines.add("allow_anonymous true");
                }
                Path ca = null;
                if (tls) {
                    ca = TestCertificates.generate(dir);
                    lines.add("cafile " + ca);
                    lines.add("certfile " + dir.resolve("server.crt"));
                    lines.add("keyfile " + dir.resolve("server.key"));
                }
                Path config = dir.resolve("mosquitto.conf");
                Files.write(config, lines, StandardCharsets.UTF_8);
                Mosquitto broker = new Mosquitto(dir, port, config, ca);
                try {
                    broker.begin(binary);
                    return broker;
                } catch (IllegalStateException e) {
                    if (attempt == 3 || !broker.log().contains("Address already in use")) {
                        throw e;
                    }
                    Files.deleteIfExists(broker.log);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int port() {
        return port;
    }

    /** {@code mqtt://127.0.0.1:<port>}, or {@code mqtts://} for a TLS broker. */
    @Override
    public String url() {
        return (caFile != null ? "mqtts" : "mqtt") + "://127.0.0.1:" + port;
    }

    /** The PEM CA certificate that signed a TLS broker's certificate. */
    @Override
    public Path caFile() {
        return caFile;
    }

    /** Kills the broker at once, as a crash would (no goodbye to clients). */
    @Override
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
            process = null;
        }
    }

    /** Freezes the broker (SIGSTOP): connections stay open, nothing is answered, as with a hung broker. */
    @Override
    public void pause() {
        signal("STOP");
    }

    /** Thaws a {@link #pause() paused} broker (SIGCONT). */
    @Override
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            run(List.of("kill", "-" + name, Long.toString(process.pid())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker again on the same port, with the same config (retained messages are gone: no persistence). */
    @Override
    public void restart() {
        kill();
        begin(binary());
    }

    /** What the broker logged, for failure messages. */
    @Override
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            resume();
            process.destroy();
            waitFor(process);
            process = null;
        }
    }

    private void begin(Path binary) {
        try {
            process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + binary + ": " + e.getMessage(), e);
        }
        // Readiness, not a measurement: poll until the listener accepts, or the broker died.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + " at start; its log:\n"
                        + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        kill();
        throw new IllegalStateException("mosquitto did not listen on 127.0.0.1:" + port + " within 15 s; its log:\n"
                + log());
    }

    /** The broker binary; where it is missing, skips the calling test (fails it under CI). */
    public static Path binary() {
        return TOOL.require();
    }

    private static String sibling(Path binary, String name) {
        for (Path candidate : List.of(binary.resolveSibling(name), Path.of("/usr/bin", name),
                Path.of("/usr/local/bin", name))) {
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is missing: it comes with mosquitto; reinstall it with 'apt-get install -y mosquitto'");
    }

    static void run(List<String> command) throws IOException {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream out = tool.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        waitFor(tool);
        if (tool.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(2, command.size())))
                    + " failed with " + tool.exitValue() + ": " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** For tests of a wrong trust anchor: another CA's certificate, unrelated to any broker here. */
    public static final class TestCertificatesAccess {

        private TestCertificatesAccess() {
        }

        /** Generates a fresh CA and server pair in {@code dir} and returns that CA's PEM certificate. */
        public static Path otherCa(Path dir) throws IOException {
            Files.createDirectories(dir);
            return TestCertificates.generate(dir);
        }
    }
}
