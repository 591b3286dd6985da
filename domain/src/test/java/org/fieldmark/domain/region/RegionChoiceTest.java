package org.fieldmark.domain.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegionChoiceTest {

    /** Three species (A, B, C) and background, class 3. */
    private static final SpeciesCatalog CATALOG = SpeciesCatalog.fromLines("abc",
            List.of("Avis alpha (A)", "Avis beta (B)", "Avis gamma (C)", "background"));

    private static final Region WHOLE = Region.wholeFrame(100, 100);
    private static final Region BIG = new Region(0, 0, 60, 60, 100, 100);
    private static final Region BIG_ELSEWHERE = new Region(40, 40, 60, 60, 100, 100);
    private static final Region SMALL = new Region(10, 10, 30, 30, 100, 100);
    private static final Region CORNER = new Region(70, 70, 30, 30, 100, 100);

    static Stream<Arguments> choices() {
        return Stream.of(
                arguments("a lone whole frame with a bird is the answer",
                        List.of(c(WHOLE, 0.8, 0.1, 0.05, 0.05)), 0, true, "only-candidate"),
                arguments("a lone whole frame without a bird is the answer, no bird found",
                        List.of(c(WHOLE, 0.1, 0.1, 0.1, 0.7)), 0, false, "only-candidate"),
                arguments("a small bird the whole frame missed: the window that sees it wins",
                        List.of(c(WHOLE, 0.1, 0.1, 0.1, 0.7), c(SMALL, 0.8, 0.1, 0.05, 0.05),
                                c(CORNER, 0.05, 0.05, 0.05, 0.85)), 1, true, "strongest"),
                arguments("a confident crop of a part (B) is outvoted by the windows that agree on A;"
                                + " the whole frame, within the margin of A's best, keeps the answer",
                        List.of(c(SMALL, 0.05, 0.9, 0.0, 0.05), c(BIG, 0.65, 0.1, 0.05, 0.2),
                                c(WHOLE, 0.6, 0.15, 0.05, 0.2)), 2, true, "larger-near-tie"),
                arguments("a window clearly stronger than the whole frame on the same species wins",
                        List.of(c(BIG, 0.75, 0.1, 0.05, 0.1), c(WHOLE, 0.5, 0.2, 0.1, 0.2)), 0, true,
                        "strongest"),
                arguments("a larger region exactly at the margin wins the near-tie",
                        List.of(c(SMALL, 0.625, 0.2, 0.1, 0.075), c(WHOLE, 0.525, 0.2, 0.2, 0.075)), 1, true,
                        "larger-near-tie"),
                arguments("a larger region just beyond the margin does not",
                        List.of(c(SMALL, 0.63, 0.2, 0.1, 0.07), c(WHOLE, 0.52, 0.2, 0.2, 0.08)), 0, true,
                        "strongest"),
                arguments("a larger region of another species never wins a near-tie",
                        List.of(c(SMALL, 0.7, 0.1, 0.1, 0.1), c(WHOLE, 0.1, 0.65, 0.1, 0.15),
                                c(BIG, 0.6, 0.1, 0.1, 0.2)), 2, true, "larger-near-tie"),
                arguments("no region's top class is a bird: no bird, the largest region (whole frame) speaks",
                        List.of(c(SMALL, 0.3, 0.1, 0.1, 0.5), c(WHOLE, 0.2, 0.1, 0.1, 0.6),
                                c(BIG, 0.4, 0.0, 0.0, 0.6)), 1, false, "no-bird"),
                arguments("equal probabilities and sizes: the earlier candidate (the locator's order)",
                        List.of(c(BIG, 0.7, 0.1, 0.1, 0.1), c(BIG_ELSEWHERE, 0.7, 0.1, 0.1, 0.1),
                                c(WHOLE, 0.1, 0.1, 0.1, 0.7)), 0, true, "strongest"),
                arguments("equal probabilities, different sizes: the larger is the strongest",
                        List.of(c(SMALL, 0.7, 0.1, 0.1, 0.1), c(BIG, 0.7, 0.1, 0.1, 0.1)), 1, true,
                        "strongest"),
                arguments("species with equal votes: the lower class index, as in ranking",
                        List.of(c(CORNER, 0.0, 0.6, 0.0, 0.4), c(SMALL, 0.6, 0.0, 0.0, 0.4),
                                c(WHOLE, 0.1, 0.1, 0.1, 0.7)), 1, true, "strongest"),
                arguments("votes split so that no window has the agreed species first: the strongest sighting",
                        List.of(c(SMALL, 0.4, 0.35, 0.0, 0.25), c(CORNER, 0.0, 0.35, 0.45, 0.2),
                                c(WHOLE, 0.0, 0.0, 0.0, 1.0)), 1, true, "strongest"),
                arguments("a top class tied between a bird and background counts as the bird (lower index)",
                        List.of(c(SMALL, 0.5, 0.0, 0.0, 0.5), c(WHOLE, 0.0, 0.0, 0.0, 1.0)), 0, true,
                        "strongest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void choosesTheRegionTheIdentificationIsAbout(String description, List<RegionScores> candidates, int index,
                                                   boolean birdFound, String reason) {
        ChosenRegion chosen = RegionChoice.DEFAULT.choose(candidates, CATALOG);

        assertThat(chosen.index()).isEqualTo(index);
        assertThat(chosen.region()).isEqualTo(candidates.get(index).region());
        assertThat(chosen.birdFound()).isEqualTo(birdFound);
        assertThat(chosen.reason()).isEqualTo(reason);
    }

    @Test
    void namesTheAgreedSpeciesOrNoneWithoutABird() {
        assertThat(RegionChoice.DEFAULT.choose(List.of(c(SMALL, 0.05, 0.9, 0.0, 0.05), c(BIG, 0.65, 0.1, 0.05, 0.2),
                c(WHOLE, 0.6, 0.15, 0.05, 0.2)), CATALOG).species()).isZero();
        assertThat(RegionChoice.DEFAULT.choose(List.of(c(WHOLE, 0.1, 0.1, 0.1, 0.7)), CATALOG).species())
                .isEqualTo(-1);
    }

    @Test
    void aZeroMarginIsTheStrongestRegionAlone() {
        List<RegionScores> candidates = List.of(c(SMALL, 0.7, 0.1, 0.1, 0.1), c(WHOLE, 0.69, 0.1, 0.1, 0.11));

        assertThat(new RegionChoice(0.0).choose(candidates, CATALOG).index()).isZero();
        assertThat(new RegionChoice(0.05).choose(candidates, CATALOG).index()).isEqualTo(1);
    }

    static Stream<Arguments> badCandidates() {
        List<RegionScores> none = new ArrayList<>();
        return Stream.of(
                arguments("no candidate", none, IllegalArgumentException.class, "no region to choose from"),
                arguments("a vector too short for the catalog", List.of(new RegionScores(WHOLE, new double[] {1.0})),
                        ModelOutputException.class, "1 probabilities for a region but catalog 'abc' has 4"),
                arguments("NaN", List.of(c(WHOLE, Double.NaN, 0.1, 0.1, 0.1)), ModelOutputException.class,
                        "NaN for class 0"),
                arguments("a negative probability", List.of(c(SMALL, 0.5, 0.5, 0.0, 0.0), c(WHOLE, -0.1, 0.5, 0.3, 0.3)),
                        ModelOutputException.class, "-0.1 for class 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCandidates")
    void refusesWhatItCannotChooseFrom(String description, List<RegionScores> candidates,
                                       Class<? extends Exception> error, String message) {
        assertThatThrownBy(() -> RegionChoice.DEFAULT.choose(candidates, CATALOG))
                .isInstanceOf(error).hasMessageContaining(message);
    }

    @Test
    void refusesAMarginThatIsNotAProbability() {
        assertThatThrownBy(() -> new RegionChoice(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("near-tie margin");
        assertThatThrownBy(() -> new RegionChoice(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RegionScores c(Region region, double... probabilities) {
        return new RegionScores(region, probabilities);
    }
}
