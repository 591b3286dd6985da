package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.sighting.NotificationPolicy;
import org.fieldmark.domain.sighting.NotificationPolicy.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy.*, digest.time and server.public-url options. */
class PolicyConfigTest {

    private static ServerConfig load(Map<String, String> env, String... args) {
        return new ServerConfigLoader(env, path -> "").load(args);
    }

    @Test
    void keepsABirdLogWithTheIssuesDefaults() {
        ServerConfig.BirdLog log = load(Map.of()).birdLog();

        assertThat(log.policy()).isEqualTo(NotificationPolicy.defaults(ZoneId.systemDefault()));
        assertThat(log.digestTime()).isNull();
        assertThat(log.publicUrl()).isNull();
        assertThat(log.source()).isNull();
    }

    @Test
    void readsEveryPolicyOptionFromFlagsAndEnvironment() {
        ServerConfig config = load(Map.of("FIELDMARK_POLICY_DENY", "House Sparrow, Columba livia",
                        "FIELDMARK_DIGEST_TIME", "20:00"),
                "--policy.mode=first-of-day", "--policy.record-threshold=0.4", "--policy.notify-threshold=0.8",
                "--policy.species-thresholds=Passer domesticus=0.9,Cyanocitta cristata=0.5",
                "--policy.allow=Blue Jay", "--policy.cooldown-minutes=30",
                "--policy.species-cooldowns=Cyanocitta cristata=0", "--policy.time-zone=Europe/Berlin",
                "--policy.source=garden-cam", "--identification.notify-no-bird=true",
                "--server.public-url=http://feeder.local:8080");

        NotificationPolicy policy = config.birdLog().policy();
        assertThat(policy).isEqualTo(new NotificationPolicy(Mode.FIRST_OF_DAY, 0.4, 0.8,
                Map.of("passer domesticus", 0.9, "cyanocitta cristata", 0.5), Set.of("blue jay"),
                Set.of("house sparrow", "columba livia"), Duration.ofMinutes(30),
                Map.of("cyanocitta cristata", Duration.ZERO), ZoneId.of("Europe/Berlin"), true));
        assertThat(config.birdLog().digestTime()).isEqualTo(LocalTime.of(20, 0));
        assertThat(config.birdLog().source()).isEqualTo("garden-cam");
        assertThat(ChannelWiring.imageLinks(config).apply(new ImageReference("", "feeder/jay & co.jpg")))
                .contains("http://feeder.local:8080/v1/images?key=feeder%2Fjay+%26+co.jpg");
    }

    @Test
    void turnsTheBirdLogOffOnRequest() {
        assertThat(load(Map.of(), "--policy.mode=off").birdLog().policy()).isNull();
    }

    @Test
    void linksOnlyFolderPhotosAndOnlyWithAPublicUrl() {
        ImageReference photo = new ImageReference("", "card.jpg");

        assertThat(ChannelWiring.imageLinks(load(Map.of())).apply(photo)).isEmpty();
        assertThat(ChannelWiring.imageLinks(load(Map.of(), "--server.public-url=https://birds.example/"))
                .apply(photo)).isEqualTo(Optional.of("https://birds.example/v1/images?key=card.jpg"));
        assertThat(ChannelWiring.imageLinks(load(Map.of(), "--server.public-url=https://birds.example",
                "--storage=url")).apply(photo)).isEmpty();
    }

    @Test
    void linksAPhotoFetchedFromAUrlToThatUrlWithOrWithoutAPublicUrl() {
        ImageReference fetched = ImageReference.of("https://cam.example/p/1.jpg?size=full");

        assertThat(ChannelWiring.imageLinks(load(Map.of(), "--storage=url")).apply(fetched))
                .contains("https://cam.example/p/1.jpg?size=full");
        assertThat(ChannelWiring.imageLinks(load(Map.of(), "--server.public-url=https://birds.example")).apply(fetched))
                .contains("https://cam.example/p/1.jpg?size=full");
        assertThat(ChannelWiring.imageLinks(load(Map.of(), "--server.public-url=https://birds.example"))
                .apply(new ImageReference("photos", "card.jpg"))).as("a bucket's photo").isEmpty();
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("--policy.mode=sometimes",
                        "policy.mode must be one of every, new-species, first-of-day, off, got 'sometimes'"),
                Arguments.of("--policy.record-threshold=1.2", "policy.record-threshold must be between 0.0 and 1.0, got 1.2"),
                Arguments.of("--policy.notify-threshold=high", "policy.notify-threshold must be a number, got 'high'"),
                Arguments.of("--policy.species-thresholds=Passer domesticus",
                        "policy.species-thresholds entry 'Passer domesticus' is not 'Scientific name=value', "
                                + "e.g. 'Passer domesticus=0.9'"),
                Arguments.of("--policy.species-thresholds=Passer domesticus=2",
                        "policy.species-thresholds entry 'Passer domesticus=2' needs a probability such as 0.9 after '='"),
                Arguments.of("--policy.cooldown-minutes=-1", "policy.cooldown-minutes must be between 0 and 10080, got -1"),
                Arguments.of("--policy.cooldown-minutes=soon", "policy.cooldown-minutes must be a whole number, got 'soon'"),
                Arguments.of("--policy.species-cooldowns=Passer domesticus=forever",
                        "policy.species-cooldowns entry 'Passer domesticus=forever' needs whole minutes from 0 to 10080 "
                                + "after '='"),
                Arguments.of("--policy.time-zone=Mars/Olympus", "policy.time-zone 'Mars/Olympus' is not a time zone; "
                        + "use a region id such as Europe/Berlin or America/New_York, or UTC"),
                Arguments.of("--digest.time=8pm", "digest.time must be a local time such as 20:00, got '8pm'"),
                Arguments.of("--server.public-url=feeder.local",
                        "server.public-url must be a URL such as http://127.0.0.1:9000, got 'feeder.local'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void refusesBadPolicyOptionsWithAClearSentence(String flag, String problem) {
        assertThatThrownBy(() -> load(Map.of(), flag)).isInstanceOfSatisfying(ConfigurationInvalidException.class,
                e -> assertThat(e.problems()).containsExactly(problem));
    }

    @Test
    void refusesADigestWithoutABirdLog() {
        assertThatThrownBy(() -> load(Map.of(), "--policy.mode=off", "--digest.time=20:00"))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .containsExactly("digest.time needs the bird log, but policy.mode is off; set policy.mode to "
                                + "every, new-species or first-of-day, or unset digest.time"));
    }

    @Test
    void listsEveryPolicyProblemAtOnce() {
        assertThatThrownBy(() -> load(Map.of(), "--policy.mode=x", "--policy.cooldown-minutes=-1",
                "--digest.time=late", "--policy.time-zone=Nowhere"))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems()).hasSize(4));
    }

}
