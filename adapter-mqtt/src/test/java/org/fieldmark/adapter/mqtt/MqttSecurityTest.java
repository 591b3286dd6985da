package org.fieldmark.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.fieldmark.adapter.mqtt.testing.Mosquitto;
import org.fieldmark.adapter.mqtt.testing.MqttProbe;
import org.fieldmark.application.error.NotificationFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Credentials and TLS against real brokers: a password-protected one and a TLS one with a CA made here. */
class MqttSecurityTest {

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static Mosquitto passwordBroker;
    private static Mosquitto tlsBroker;

    @BeforeAll
    static void startBrokers() {
        vertx = Vertx.vertx();
        passwordBroker = Mosquitto.withPassword(dir.resolve("password"), "feeder", "s3cret-seed");
        tlsBroker = Mosquitto.withTls(dir.resolve("tls"));
    }

    @AfterAll
    static void stopBrokers() {
        for (Mosquitto broker : new Mosquitto[] {passwordBroker, tlsBroker}) {
            if (broker != null) {
                broker.close();
            }
        }
        vertx.close();
    }

    @Test
    void publishesWithTheRightCredentials() {
        try (MqttNotificationAdapter notifier = new MqttNotificationAdapter(vertx,
                MqttNotificationAdapterTest.settingsFor(passwordBroker.url(), "right-password")
                        .withCredentials("feeder", "s3cret-seed"))) {
            notifier.publish(MqttNotificationAdapterTest.sighting("c-1", "feeder"));
        }
    }

    @Test
    void publishesOverTlsTrustingTheConfiguredCa() {
        MqttClientOptions probeOptions = new MqttClientOptions();
        probeOptions.setSsl(true).setHostnameVerificationAlgorithm("HTTPS").setTrustOptions(new PemTrustOptions().addCertPath(tlsBroker.caFile().toString()));
        try (MqttProbe probe = MqttProbe.subscribe(vertx, probeOptions, tlsBroker.port(), "fieldmark/+/sighting");
             MqttNotificationAdapter notifier = new MqttNotificationAdapter(vertx,
                     MqttNotificationAdapterTest.settingsFor(tlsBroker.url(), "tls")
                             .withTrust(tlsBroker.caFile(), null, ""))) {
            notifier.publish(MqttNotificationAdapterTest.sighting("t-1", "feeder"));

            assertThat(probe.flush()).extracting(m -> m.json().getString("id")).containsExactly("t-1");
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("wrong password", passwordBroker.url(), "feeder", "wrong", null,
                        "the broker refused the credentials (CONNECTION_REFUSED_NOT_AUTHORIZED); check the MQTT user "
                                + "name and password"),
                Arguments.of("no credentials", passwordBroker.url(), "", "", null,
                        "the broker refused the credentials"),
                Arguments.of("unknown user", passwordBroker.url(), "stranger", "s3cret-seed", null,
                        "check the MQTT user name and password"),
                Arguments.of("TLS without our CA", tlsBroker.url(), "", "", null,
                        "the TLS handshake failed"),
                Arguments.of("TLS with the wrong CA", tlsBroker.url(), "", "", "wrong-ca",
                        "check the MQTT CA file or trust store"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedConnectionIsAClearFailureThatRetryingCannotFix(String name, String url, String user, String password,
                                                                String ca, String expected) throws Exception {
        MqttSettings settings = MqttNotificationAdapterTest.settingsFor(url, "refused-" + name.replace(' ', '-'))
                .withCredentials(user, password).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20));
        if (ca != null) {
            Path other = Mosquitto.TestCertificatesAccess.otherCa(dir.resolve("other-ca"));
            settings = settings.withTrust(other, null, "");
        }
        try (MqttNotificationAdapter notifier = new MqttNotificationAdapter(vertx, settings)) {
            assertThatThrownBy(() -> notifier.publish(MqttNotificationAdapterTest.sighting("r-1", "feeder")))
                    .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).startsWith("MQTT publish of the sighting of").contains(expected);
                    });
        }
    }
}
