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
import org.fieldmark.adapter.mqtt.testing.MqttBroker;
import org.fieldmark.adapter.mqtt.testing.MqttProbe;
import org.fieldmark.application.error.NotificationFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Credentials and TLS against real brokers (each subclass names which kind): a password-protected
 * one and a TLS one with a CA made here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MqttSecuritySuite {

    private Path dir;

    private Vertx vertx;
    private MqttBroker passwordBroker;
    private MqttBroker tlsBroker;

    /** The kind of broker these tests run against. */
    protected abstract MqttBroker.Kind brokers();

    /** The CONNACK code the broker answers a wrong password with. */
    protected abstract String wrongPasswordCode();

    @BeforeAll
    void startBrokers(@TempDir Path dir) {
        this.dir = dir;
        vertx = Vertx.vertx();
        passwordBroker = brokers().withPassword(dir.resolve("password"), "feeder", "s3cret-seed");
        tlsBroker = brokers().withTls(dir.resolve("tls"));
    }

    @AfterAll
    void stopBrokers() {
        for (MqttBroker broker : new MqttBroker[] {passwordBroker, tlsBroker}) {
            if (broker != null) {
                broker.close();
            }
        }
        vertx.close();
    }

    @Test
    void publishesWithTheRightCredentials() {
        try (MqttNotificationAdapter notifier = new MqttNotificationAdapter(vertx,
                MqttNotificationAdapterSuite.settingsFor(passwordBroker.url(), "right-password")
                        .withCredentials("feeder", "s3cret-seed"))) {
            notifier.publish(MqttNotificationAdapterSuite.sighting("c-1", "feeder"));
        }
    }

    @Test
    void publishesOverTlsTrustingTheConfiguredCa() {
        MqttClientOptions probeOptions = new MqttClientOptions();
        probeOptions.setSsl(true).setHostnameVerificationAlgorithm("HTTPS").setTrustOptions(new PemTrustOptions().addCertPath(tlsBroker.caFile().toString()));
        try (MqttProbe probe = MqttProbe.subscribe(vertx, probeOptions, tlsBroker.port(), "fieldmark/+/sighting");
             MqttNotificationAdapter notifier = new MqttNotificationAdapter(vertx,
                     MqttNotificationAdapterSuite.settingsFor(tlsBroker.url(), "tls")
                             .withTrust(tlsBroker.caFile(), null, ""))) {
            notifier.publish(MqttNotificationAdapterSuite.sighting("t-1", "feeder"));

            assertThat(probe.flush()).extracting(m -> m.json().getString("id")).containsExactly("t-1");
        }
    }

    Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("wrong password", passwordBroker.url(), "feeder", "wrong", null,
                        "the broker refused the credentials (" + wrongPasswordCode() + "); check the MQTT user "
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
        MqttSettings settings = MqttNotificationAdapterSuite.settingsFor(url, "refused-" + name.replace(' ', '-'))
                .withCredentials(user, password).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
        if (ca != null) {
            Path other = Mosquitto.TestCertificatesAccess.otherCa(dir.resolve("other-ca"));
            settings = settings.withTrust(other, null, "");
        }
        try (MqttNotificationAdapter notifier = new MqttNotificationAdapter(vertx, settings)) {
            assertThatThrownBy(() -> notifier.publish(MqttNotificationAdapterSuite.sighting("r-1", "feeder")))
                    .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).startsWith("MQTT publish of the sighting of").contains(expected);
                    });
        }
    }
}
