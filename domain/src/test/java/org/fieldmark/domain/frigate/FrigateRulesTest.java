package org.fieldmark.domain.frigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fieldmark.domain.frigate.FrigateEvent.SubLabel;
import org.fieldmark.domain.frigate.FrigateEvent.Type;
import org.fieldmark.domain.frigate.SubLabelRule.NameForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure rules of the Frigate integration: which events, when to identify, what to write back. */
class FrigateRulesTest {

    private static FrigateEvent event(Type type, String label, String camera, double topScore, boolean falsePositive,
                                      boolean snapshot, List<String> zones) {
        return new FrigateEvent(type, "1700000000.1-abc", camera, label, null, topScore, falsePositive, snapshot,
                zones, 1.0, null);
    }

    private static FrigateEvent bird(Type type, double topScore) {
        return event(type, "bird", "feeder", topScore, false, true, List.of());
    }

    // ---------------------------------------------------------------- filter

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("a bird anywhere", event(Type.NEW, "bird", "feeder", 0.8, false, true, List.of("tray")),
                        null),
                Arguments.of("labels ignore case", event(Type.NEW, "Bird", "Feeder", 0.8, false, true,
                        List.of("Tray")), null),
                Arguments.of("a person", event(Type.NEW, "person", "feeder", 0.8, false, true, List.of("tray")),
                        "label 'person' is not one of [bird]"),
                Arguments.of("another camera", event(Type.NEW, "bird", "drive", 0.8, false, true, List.of("tray")),
                        "camera 'drive' is not one of [feeder, garden]"),
                Arguments.of("no zone", event(Type.NEW, "bird", "garden", 0.8, false, true, List.of()),
                        "zones [] include none of [tray]"),
                Arguments.of("a false positive", event(Type.UPDATE, "bird", "feeder", 0.8, true, true,
                        List.of("tray")), "Frigate marks it a false positive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void theFilterSaysWhyAnEventIsIgnored(String name, FrigateEvent event, String why) {
        FrigateFilter filter = new FrigateFilter(Set.of("bird"), Set.of("feeder", "garden"), Set.of("tray"));

        assertThat(filter.ignored(event).orElse(null)).isEqualTo(why);
    }

    @Test
    void emptyCameraAndZoneListsMeanEverywhere() {
        assertThat(FrigateFilter.BIRDS.ignored(event(Type.NEW, "bird", "any", 0.5, false, true, List.of()))).isEmpty();
        assertThatThrownBy(() -> new FrigateFilter(Set.of(" "), Set.of(), Set.of()))
                .hasMessageContaining("at least one label");
    }

    // ---------------------------------------------------------------- progress

    @Test
    void theFirstSnapshotIsIdentifiedThenOnlyBetterOnes() {
        FrigateProgress none = FrigateProgress.NONE;
        assertThat(none.next(bird(Type.NEW, 0.7), 3).identify()).isTrue();

        FrigateProgress once = none.identified(bird(Type.NEW, 0.7), true);
        assertThat(once.next(bird(Type.UPDATE, 0.7), 3).identify()).isFalse();
        assertThat(once.next(bird(Type.UPDATE, 0.69), 3).identify()).isFalse();
        assertThat(once.next(bird(Type.UPDATE, 0.71), 3).reason()).isEqualTo("top score rose from 0.7 to 0.71");
        assertThat(once.next(bird(Type.UPDATE, 0.71), 3).decisive()).isFalse();
    }

    @Test
    void theEndDecidesWhenTheScoreRoseOrNothingWasRecordedEvenPastTheLimit() {
        FrigateProgress twice = FrigateProgress.NONE.identified(bird(Type.NEW, 0.7), false)
                .identified(bird(Type.UPDATE, 0.8), false);

        assertThat(twice.next(bird(Type.UPDATE, 0.9), 2).identify()).isFalse();
        FrigateProgress.Step end = twice.next(bird(Type.END, 0.8), 2);
        assertThat(end.identify()).isTrue();
        assertThat(end.decisive()).isTrue();
        assertThat(end.reason()).isEqualTo("final: no guess recorded yet");

        FrigateProgress recorded = twice.identified(bird(Type.UPDATE, 0.8), true);
        assertThat(recorded.next(bird(Type.END, 0.8), 2).identify()).isFalse();
        assertThat(recorded.next(bird(Type.END, 0.85), 2).reason()).startsWith("final: top score rose");
    }

    @Test
    void noSnapshotOrAnEarlierFailureMeansNothingToDo() {
        FrigateEvent noSnapshot = event(Type.NEW, "bird", "feeder", 0.9, false, false, List.of());
        assertThat(FrigateProgress.NONE.next(noSnapshot, 3).reason()).contains("no snapshot");

        FrigateProgress failed = FrigateProgress.NONE.failed("IMAGE_NOT_FOUND: gone");
        assertThat(failed.next(bird(Type.END, 0.99), 3).identify()).isFalse();
        assertThat(failed.next(bird(Type.END, 0.99), 3).reason()).isEqualTo("failed earlier: IMAGE_NOT_FOUND: gone");
    }

    // ---------------------------------------------------------------- sub labels

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', value = {
        "COMMON|House Sparrow|Passer domesticus|House Sparrow",
        "SCIENTIFIC|House Sparrow|Passer domesticus|Passer domesticus",
        "BOTH|House Sparrow|Passer domesticus|House Sparrow (Passer domesticus)",
        "BOTH|background|background|background",
        "COMMON||Passer domesticus|Passer domesticus"})
    void namesTheSpeciesInTheConfiguredForm(NameForm form, String common, String scientific, String expected) {
        assertThat(new SubLabelRule(form).name(common, scientific)).isEqualTo(expected);
    }

    @Test
    void shortensNamesToFrigatesHundredCharactersWithoutSplittingACharacter() {
        String name = "鳥".repeat(60) + "\uD83D\uDC26".repeat(60);

        String written = new SubLabelRule(NameForm.COMMON).name(name, name);

        assertThat(written.codePointCount(0, written.length())).isEqualTo(SubLabelRule.MAX_LENGTH);
        assertThat(Character.isHighSurrogate(written.charAt(written.length() - 1))).isFalse();
    }

    static Stream<Arguments> existingSubLabels() {
        return Stream.of(
                Arguments.of("none", null, null, null),
                Arguments.of("a lower score", new SubLabel("Blue Jay", 0.5), null, null),
                Arguments.of("an equal score of another name", new SubLabel("Blue Jay", 0.9), null, null),
                Arguments.of("a higher score", new SubLabel("Blue Jay", 0.95), null,
                        "the sub label 'Blue Jay' scores 0.95, not below 0.9"),
                Arguments.of("the same name and score", new SubLabel("House Sparrow", 0.9), null,
                        "the sub label 'House Sparrow' scores 0.9, not below 0.9"),
                Arguments.of("a name without score, not ours", new SubLabel("Polly", null), null,
                        "the sub label 'Polly' has no score and was not written by Fieldmark"),
                Arguments.of("a name without score we wrote", new SubLabel("Blue Jay", null), "Blue Jay", null),
                Arguments.of("our name already there", new SubLabel("house sparrow", null), "House Sparrow",
                        "Frigate already holds 'House Sparrow'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("existingSubLabels")
    void neverOverwritesABetterSubLabel(String name, SubLabel existing, String ours, String kept) {
        assertThat(new SubLabelRule(NameForm.COMMON).keep(existing, ours, "House Sparrow", 0.9).orElse(null))
                .isEqualTo(kept);
    }

    // ---------------------------------------------------------------- the event value

    @Test
    void anEventNeedsItsIdCameraAndLabelAndAScoreWithinZeroAndOne() {
        assertThatThrownBy(() -> new FrigateEvent(Type.NEW, " ", "c", "bird", null, 0.5, false, true, List.of(), 1,
                null)).hasMessage("id must not be blank");
        assertThatThrownBy(() -> new FrigateEvent(Type.NEW, "i", "c", "bird", null, 1.5, false, true, List.of(), 1,
                null)).hasMessage("top_score must be within 0..1, was 1.5");
        assertThatThrownBy(() -> FrigateEvent.Type.of("begin")).hasMessage(
                "type must be new, update or end, was 'begin'");
        assertThat(new FrigateEvent(Type.END, "i", "c", "bird", null, 0.5, false, true, List.of("a", "b", "a"), 1,
                2.0).zones()).containsExactly("a", "b");
    }
}
