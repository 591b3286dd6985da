package org.fieldmark.adapter.mqtt;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.mqtt.MqttClientOptions;
import java.util.Locale;

/**
 * The Vert.x MQTT client options for one connection: a clean session with keep-alive, the
 * {@code offline} last will (retained) on the status topic, credentials, and TLS with the
 * configured trust (a PEM CA file, or a JKS/PKCS#12 trust store) and host-name verification.
 */
final class ClientOptions {

    private static final int KEEP_ALIVE_SECONDS = 30;

    private ClientOptions() {
    }

    static MqttClientOptions of(MqttSettings settings, String statusTopic) {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(settings.clientId())
                .setCleanSession(true)
                .setKeepAliveInterval(KEEP_ALIVE_SECONDS)
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(256)
                .setWillFlag(true)
                .setWillTopic(statusTopic)
                .setWillMessageBytes(Buffer.buffer(MqttMessages.OFFLINE))
                .setWillQoS(1)
                .setWillRetain(true);
        options.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
        if (!settings.username().isEmpty()) {
            options.setUsername(settings.username());
        }
        if (!settings.password().isEmpty()) {
            options.setPassword(settings.password());
        }
        if (settings.tls()) {
            trust(options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS"), settings);
        }
        return options;
    }

    private static void trust(MqttClientOptions options, MqttSettings settings) {
        if (settings.caFile() != null) {
            options.setTrustOptions(new PemTrustOptions().addCertPath(settings.caFile().toString()));
        } else if (settings.trustStore() != null) {
            String name = settings.trustStore().getFileName().toString().toLowerCase(Locale.ROOT);
            String path = settings.trustStore().toString();
            options.setTrustOptions(name.endsWith(".jks")
                    ? new JksOptions().setPath(path).setPassword(settings.trustStorePassword())
                    : new PfxOptions().setPath(path).setPassword(settings.trustStorePassword()));
        }
    }
}
