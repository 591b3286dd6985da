package org.fieldmark.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldmark.domain.sighting.NotificationPolicy.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy settings' text forms (moved here from the domain's NotificationPolicyTest with their code). */
class PolicyTextTest {

    private static final String SPARROW = "Passer domesticus";
    private static final String JAY = "Cyanocitta cristata";

    @Test
    void parsesSpeciesValuesAndNameLists() {
        assertThat(PolicyText.speciesThresholds("policy.species-thresholds",
                "Passer domesticus=0.9, Cyanocitta cristata = 0.5,"))
                .containsExactly(Map.entry(SPARROW, 0.9), Map.entry(JAY, 0.5));
        assertThat(PolicyText.speciesCooldowns("policy.species-cooldowns", "Passer domesticus=60"))
                .containsExactly(Map.entry(SPARROW, Duration.ofMinutes(60)));
        assertThat(PolicyText.names(" House Sparrow ,, Cyanocitta cristata"))
                .containsExactly("House Sparrow", JAY);
        assertThat(PolicyText.speciesThresholds("x", " ")).isEmpty();
        assertThat(PolicyText.names(null)).isEmpty();
        assertThat(PolicyText.mode(" First-Of-Day ")).isEqualTo(Mode.FIRST_OF_DAY);
        assertThat(PolicyText.zone("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(PolicyText.cooldown("0")).isZero();
    }

    static Stream<Arguments> badTexts() {
        return Stream.of(
                Arguments.of("thresholds", "Passer domesticus",
                        "policy.species-thresholds entry 'Passer domesticus' is not 'Scientific name=value', "
                                + "e.g. 'Passer domesticus=0.9'"),
                Arguments.of("thresholds", "=0.9",
                        "policy.species-thresholds entry '=0.9' is not 'Scientific name=value', "
                                + "e.g. 'Passer domesticus=0.9'"),
                Arguments.of("thresholds", "Passer domesticus=high",
                        "policy.species-thresholds entry 'Passer domesticus=high' needs a probability such as 0.9 after '='"),
                Arguments.of("thresholds", "Passer domesticus=1.5",
                        "policy.species-thresholds entry 'Passer domesticus=1.5' needs a probability such as 0.9 after '='"),
                Arguments.of("thresholds", "Passer domesticus=0.5,Passer domesticus=0.6",
                        "policy.species-thresholds names Passer domesticus twice"),
                Arguments.of("cooldowns", "Passer domesticus=-1",
                        "policy.species-cooldowns entry 'Passer domesticus=-1' needs whole minutes from 0 to 10080 after '='"),
                Arguments.of("cooldowns", "Passer domesticus=1.5",
                        "policy.species-cooldowns entry 'Passer domesticus=1.5' needs whole minutes from 0 to 10080 after '='"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badTexts")
    void refusesBadSpeciesValuesNamingTheEntry(String kind, String text, String problem) {
        assertThatThrownBy(() -> {
            if (kind.equals("thresholds")) {
                PolicyText.speciesThresholds("policy.species-thresholds", text);
            } else {
                PolicyText.speciesCooldowns("policy.species-cooldowns", text);
            }
        }).isInstanceOfSatisfying(PolicyText.InvalidTextException.class, e -> assertThat(e.problems()).containsExactly(problem));
    }

    @Test
    void refusesUnknownModesZonesAndCooldowns() {
        assertThatThrownBy(() -> PolicyText.mode("sometimes"))
                .hasMessage("'sometimes' is not a mode; use every, new-species or first-of-day");
        assertThatThrownBy(() -> PolicyText.zone("Mars/Olympus"))
                .hasMessageStartingWith("'Mars/Olympus' is not a time zone; use a region id such as Europe/Berlin");
        assertThatThrownBy(() -> PolicyText.cooldown("soon"))
                .hasMessage("'soon' is not a whole number of minutes");
        assertThat(List.of(Mode.values())).extracting(Mode::text).containsExactly("every", "new-species", "first-of-day");
    }
}
