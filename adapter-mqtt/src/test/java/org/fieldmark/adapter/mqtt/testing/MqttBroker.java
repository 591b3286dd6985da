package org.fieldmark.adapter.mqtt.testing;

import java.nio.file.Path;

/**
 * A real MQTT broker on 127.0.0.1 for tests, whichever it is: {@link EmbeddedBroker} (Moquette
 * in the test JVM, always there) or {@link Mosquitto} (Debian's, when installed). Tests written
 * against this run on both.
 */
public interface MqttBroker extends AutoCloseable {

    /** The port clients connect to; it stays the same across {@link #kill()} and {@link #restart()}. */
    int port();

    /** {@code mqtt://127.0.0.1:<port>}, or {@code mqtts://} for a TLS broker. */
    String url();

    /** The PEM CA certificate that signed a TLS broker's certificate, else null. */
    Path caFile();

    /** Stops the broker at once, as a crash would (no goodbye to clients); nothing listens on the port. */
    void kill();

    /** Freezes the broker: connections stay open, nothing is answered, as with a hung broker. */
    void pause();

    /** Thaws a {@link #pause() paused} broker. */
    void resume();

    /** Starts the broker again on the same port; retained messages are gone (no persistence). */
    void restart();

    /** What the broker logged, for failure messages. */
    String log();

    @Override
    void close();

    /** Starts brokers of one kind, for test suites that run against each kind. */
    interface Kind {

        /** A broker that lets anyone in. */
        MqttBroker anonymous(Path dir);

        /** A broker that wants {@code user} and {@code password}. */
        MqttBroker withPassword(Path dir, String user, String password);

        /** A TLS-only broker (anonymous) whose certificate, for 127.0.0.1 and localhost, is signed by its {@code caFile()}. */
        MqttBroker withTls(Path dir);
    }

    /** Moquette inside the test JVM: needs nothing installed. */
    Kind EMBEDDED = new Kind() {
        @Override
        public MqttBroker anonymous(Path dir) {
            return EmbeddedBroker.anonymous(dir);
        }

        @Override
        public MqttBroker withPassword(Path dir, String user, String password) {
            return EmbeddedBroker.withPassword(dir, user, password);
        }

        @Override
        public MqttBroker withTls(Path dir) {
            return EmbeddedBroker.withTls(dir);
        }

        @Override
        public String toString() {
            return "embedded Moquette";
        }
    };

    /** Debian's mosquitto: skipped where it is not installed, required under CI (see {@link Mosquitto#TOOL}). */
    Kind MOSQUITTO = new Kind() {
        @Override
        public MqttBroker anonymous(Path dir) {
            return Mosquitto.anonymous(dir);
        }

        @Override
        public MqttBroker withPassword(Path dir, String user, String password) {
            return Mosquitto.withPassword(dir, user, password);
        }

        @Override
        public MqttBroker withTls(Path dir) {
            return Mosquitto.withTls(dir);
        }

        @Override
        public String toString() {
            return "mosquitto";
        }
    };
}
