package org.fieldmark.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MqttSettingsTest {

    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0} -> {1}:{2}, tls {3}")
    @CsvSource({
            "mqtt://127.0.0.1, 127.0.0.1, 1883, false",
            "mqtt://broker.lan:1884, broker.lan, 1884, false",
            "tcp://broker.lan/, broker.lan, 1883, false",
            "mqtts://broker.lan, broker.lan, 8883, true",
            "MQTTS://broker.lan:9999, broker.lan, 9999, true",
            "ssl://broker.lan, broker.lan, 8883, true"})
    void readsHostPortAndTlsFromTheUrl(String url, String host, int port, boolean tls) {
        MqttSettings settings = MqttSettings.of(URI.create(url));

        assertThat(settings.host()).isEqualTo(host);
        assertThat(settings.port()).isEqualTo(port);
        assertThat(settings.tls()).isEqualTo(tls);
    }

    static Stream<Arguments> badSettings() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked here");
        URI plain = URI.create("mqtt://127.0.0.1");
        URI secure = URI.create("mqtts://127.0.0.1");
        return Stream.of(
                bad("no URL", null, s -> s, "the MQTT broker URL is not set"),
                bad("http URL", URI.create("http://127.0.0.1"), s -> s, "must start with mqtt:// (plain) or mqtts://"),
                bad("no host", URI.create("mqtt:///x"), s -> s, "has no host"),
                bad("port too large", URI.create("mqtt://127.0.0.1:70000"), s -> s, "outside 1..65535"),
                bad("password in URL", URI.create("mqtt://u:secret@127.0.0.1"), s -> s,
                        "carries user info; set the MQTT user name and password instead"),
                bad("path", URI.create("mqtt://127.0.0.1/topic"), s -> s, "without a path, query or fragment"),
                bad("password without user", plain, s -> s.withCredentials("", "pw"),
                        "an MQTT password is set without a user name"),
                bad("blank client id", plain, s -> s.withClientId("  "), "the MQTT client id must not be empty"),
                bad("client id with a space", plain, s -> s.withClientId("field mark"),
                        "without spaces or control characters"),
                bad("CA file on a plain URL", plain, s -> s.withTrust(ca, null, ""),
                        "an MQTT CA file is set but the broker URL is plain mqtt://; use mqtts://"),
                bad("missing CA file", secure, s -> s.withTrust(dir.resolve("nope.pem"), null, ""),
                        "the MQTT CA file " + dir.resolve("nope.pem") + " is not a readable file"),
                bad("CA file and trust store", secure, s -> s.withTrust(ca, ca, "x"),
                        "set only one of them"),
                bad("wildcard in the prefix", plain, s -> s.withTopics("birds/#", "homeassistant", true),
                        "the MQTT topic prefix 'birds/#' must be plain topic levels"),
                bad("plus in the discovery prefix", plain, s -> s.withTopics("fieldmark", "home+", true),
                        "the MQTT discovery prefix 'home+'"),
                bad("empty prefix", plain, s -> s.withTopics(" ", "homeassistant", true),
                        "the MQTT topic prefix must not be empty"),
                bad("trailing slash", plain, s -> s.withTopics("fieldmark/", "homeassistant", true),
                        "no leading, trailing or double /"),
                bad("system topic", plain, s -> s.withTopics("$SYS", "homeassistant", true), "no leading $"),
                bad("zero publish timeout", plain, s -> s.withTimeouts(Duration.ofSeconds(1), Duration.ZERO),
                        "the MQTT publish timeout must be positive, was PT0S"),
                bad("negative connect timeout", plain, s -> s.withTimeouts(Duration.ofSeconds(-1), Duration.ofSeconds(1)),
                        "the MQTT connect timeout must be positive"),
                bad("backoff upside down", plain, s -> s.withBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1)),
                        "the MQTT initial reconnect backoff PT10S is above the max PT1S"));
    }

    private static Arguments bad(String name, URI url, UnaryOperator<MqttSettings> change, String expected) {
        return Arguments.of(name, url, change, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void refusesBadSettingsWithASentenceSayingWhatToFix(String name, URI url, UnaryOperator<MqttSettings> change,
                                                       String expected) {
        assertThatThrownBy(() -> change.apply(validFor(url)))
                .isInstanceOf(ConfigurationInvalidException.class)
                .hasMessageContaining(expected);
    }

    /** Valid settings for {@code url} when it is fine; otherwise the URL problem is thrown right here. */
    private static MqttSettings validFor(URI url) {
        return MqttSettings.of(url);
    }

    @Test
    void listsEveryProblemAtOnce() {
        assertThatThrownBy(() -> new MqttSettings(URI.create("http://x"), "", "pw", " ", null, null, "", "a/#", "",
                true, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class,
                        e -> assertThat(e.problems()).hasSize(7));
    }

    @Test
    void neverPrintsThePassword() {
        MqttSettings settings = MqttSettings.of(URI.create("mqtt://127.0.0.1")).withCredentials("feeder", "s3cret");

        assertThat(settings.toString()).contains("username=feeder", "password=***").doesNotContain("s3cret");
    }
}
