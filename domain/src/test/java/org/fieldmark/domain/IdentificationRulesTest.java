package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentificationRulesTest {

    private static final SpeciesCatalog WORKSHOP = SpeciesCatalog.WORKSHOP_4;
    private static final IdentificationRules RULES = IdentificationRules.DEFAULT;

    private static List<Integer> classIndices(Identification identification) {
        return identification.predictions().stream().map(RankedPrediction::classIndex).toList();
    }

    @Nested
    class Messages {

        @Test
        void namesOnlyTheTopSpeciesWhenConfident() {
            Identification id = RULES.identify("birds/card.jpg", new double[] {0.02, 0.94, 0.03, 0.01}, WORKSHOP);

            assertThat(id.message()).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
            assertThat(id.confident()).isTrue();
            assertThat(id.birdRecognised()).isTrue();
            assertThat(id.key()).isEqualTo("birds/card.jpg");
            assertThat(id.catalog()).isEqualTo("workshop-4");
        }

        @Test
        void listsTheTopTwoWhenUncertain() {
            Identification id = RULES.identify("birds/x.jpg", new double[] {0.55, 0.10, 0.05, 0.30}, WORKSHOP);

            assertThat(id.message())
                    .isEqualTo("Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30)");
            assertThat(id.confident()).isFalse();
        }

        @Test
        void treatsATopProbabilityOfExactlyTheThresholdAsUncertain() {
            Identification id = RULES.identify("birds/x.jpg", new double[] {0.10, 0.70, 0.15, 0.05}, WORKSHOP);

            assertThat(id.confident()).isFalse();
            assertThat(id.message())
                    .isEqualTo("Bird [birds/x.jpg] may be a: Northern Cardinal(0.70), or American Goldfinch(0.15)");
        }

        @Test
        void treatsATopProbabilityJustAboveTheThresholdAsConfident() {
            Identification id = RULES.identify("birds/x.jpg", new double[] {0.10, 0.7000001, 0.15, 0.05}, WORKSHOP);

            assertThat(id.confident()).isTrue();
            assertThat(id.message()).isEqualTo("Bird [birds/x.jpg] is a: Northern Cardinal(0.70)");
        }

        @Test
        void treatsTheDoubleJustAboveTheThresholdAsConfident() {
            double above = Math.nextUp(0.70);
            double below = Math.nextDown(0.70);

            assertThat(RULES.identify("k", new double[] {above, 0.1, 0.1, 0.1}, WORKSHOP).confident()).isTrue();
            assertThat(RULES.identify("k", new double[] {below, 0.1, 0.1, 0.1}, WORKSHOP).confident()).isFalse();
        }

        @Test
        void keepsTheTopKPredictionsEvenWhenTheMessageNamesOnlyTheTopOne() {
            Identification id = RULES.withTopK(3)
                    .identify("birds/card.jpg", new double[] {0.02, 0.94, 0.03, 0.01}, WORKSHOP);

            assertThat(id.message()).isEqualTo("Bird [birds/card.jpg] is a: Northern Cardinal(0.94)");
            assertThat(classIndices(id)).containsExactly(1, 2, 0);
            assertThat(id.predictions()).extracting(RankedPrediction::rank).containsExactly(1, 2, 3);
            assertThat(id.predictions()).extracting(RankedPrediction::probability).containsExactly(0.94, 0.03, 0.02);
            assertThat(id.top().name()).isEqualTo("Northern Cardinal");
        }

        @Test
        void keepsTheTopTwoPredictionsByDefaultWhenConfident() {
            Identification id = RULES.identify("birds/card.jpg", new double[] {0.02, 0.94, 0.03, 0.01}, WORKSHOP);

            assertThat(classIndices(id)).containsExactly(1, 2);
        }

        @Test
        void usesACustomThreshold() {
            double[] vector = {0.55, 0.10, 0.05, 0.30};

            assertThat(RULES.withThreshold(0.50).identify("birds/x.jpg", vector, WORKSHOP).message())
                    .isEqualTo("Bird [birds/x.jpg] is a: Purple Martin(0.55)");
            assertThat(RULES.withThreshold(0.55).identify("birds/x.jpg", vector, WORKSHOP).confident()).isFalse();
            assertThat(RULES.withThreshold(0.95)
                    .identify("birds/card.jpg", new double[] {0.02, 0.94, 0.03, 0.01}, WORKSHOP).message())
                    .isEqualTo("Bird [birds/card.jpg] may be a: Northern Cardinal(0.94), or American Goldfinch(0.03)");
        }

        @Test
        void acceptsThresholdsAtBothEndsOfTheUnitInterval() {
            double[] vector = {0.01, 0.01, 0.97, 0.01};

            assertThat(RULES.withThreshold(0.0).identify("k", vector, WORKSHOP).confident()).isTrue();
            assertThat(RULES.withThreshold(0.0).identify("k", new double[4], WORKSHOP).confident()).isFalse();
            assertThat(RULES.withThreshold(1.0).identify("k", new double[] {0, 0, 1.0, 0}, WORKSHOP).confident())
                    .isFalse();
        }

        @Test
        void printsAKeyHoldingPlaceholdersLiterally() {
            Identification id = RULES.identify("birds/{predictions}/{name}{key}.jpg",
                    new double[] {0.02, 0.94, 0.03, 0.01}, WORKSHOP);

            assertThat(id.message())
                    .isEqualTo("Bird [birds/{predictions}/{name}{key}.jpg] is a: Northern Cardinal(0.94)");
        }

        @Test
        void keepsSurroundingSpacesOfANonBlankKey() {
            assertThat(RULES.identify(" birds/x.jpg ", new double[] {0.02, 0.94, 0.03, 0.01}, WORKSHOP).message())
                    .isEqualTo("Bird [ birds/x.jpg ] is a: Northern Cardinal(0.94)");
        }
    }

    @Nested
    class Ranking {

        static Stream<Arguments> ties() {
            return Stream.of(
                    arguments("all equal", new double[] {0.25, 0.25, 0.25, 0.25}, List.of(0, 1, 2, 3)),
                    arguments("all zero", new double[] {0.0, 0.0, 0.0, 0.0}, List.of(0, 1, 2, 3)),
                    arguments("tie for first", new double[] {0.1, 0.4, 0.1, 0.4}, List.of(1, 3, 0, 2)),
                    arguments("tie for second", new double[] {0.5, 0.2, 0.1, 0.2}, List.of(0, 1, 3, 2)),
                    arguments("tie for last", new double[] {0.1, 0.5, 0.3, 0.1}, List.of(1, 2, 0, 3)),
                    arguments("tie in the middle", new double[] {0.2, 0.3, 0.3, 0.2}, List.of(1, 2, 0, 3)),
                    arguments("two pairs", new double[] {0.2, 0.3, 0.2, 0.3}, List.of(1, 3, 0, 2)),
                    arguments("three way", new double[] {0.3, 0.1, 0.3, 0.3}, List.of(0, 2, 3, 1)),
                    arguments("confident tie", new double[] {0.0, 0.8, 0.0, 0.8}, List.of(1, 3, 0, 2)),
                    arguments("negative zero ties zero", new double[] {0.6, -0.0, 0.0, 0.4}, List.of(0, 3, 1, 2)),
                    arguments("zero ties negative zero", new double[] {0.6, 0.0, -0.0, 0.4}, List.of(0, 3, 1, 2)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("ties")
        void ranksTiesByLowerClassIndex(String pattern, double[] vector, List<Integer> expectedOrder) {
            Identification id = RULES.withTopK(4).identify("k", vector, WORKSHOP);

            assertThat(classIndices(id)).isEqualTo(expectedOrder);
        }

        @Test
        void namesTheLowerClassIndexFirstInTheMessageWhenTied() {
            assertThat(RULES.identify("birds/x.jpg", new double[] {0.25, 0.25, 0.25, 0.25}, WORKSHOP).message())
                    .isEqualTo("Bird [birds/x.jpg] may be a: Purple Martin(0.25), or Northern Cardinal(0.25)");
            assertThat(RULES.identify("birds/x.jpg", new double[] {0.1, 0.45, 0.0, 0.45}, WORKSHOP).message())
                    .isEqualTo("Bird [birds/x.jpg] may be a: Northern Cardinal(0.45), or Eastern Bluebird(0.45)");
            assertThat(RULES.identify("birds/x.jpg", new double[] {0.0, 0.8, 0.0, 0.8}, WORKSHOP).message())
                    .isEqualTo("Bird [birds/x.jpg] is a: Northern Cardinal(0.80)");
        }

        @Test
        void listsOnlyTheTopOneWithKOfOne() {
            Identification id = RULES.withTopK(1).identify("birds/x.jpg", new double[] {0.55, 0.10, 0.05, 0.30}, WORKSHOP);

            assertThat(id.message()).isEqualTo("Bird [birds/x.jpg] may be a: Purple Martin(0.55)");
            assertThat(classIndices(id)).containsExactly(0);
        }

        @Test
        void listsTheTopThreeWithKOfThree() {
            Identification id = RULES.withTopK(3).identify("birds/x.jpg", new double[] {0.55, 0.10, 0.05, 0.30}, WORKSHOP);

            assertThat(id.message()).isEqualTo(
                    "Bird [birds/x.jpg] may be a: Purple Martin(0.55), or Eastern Bluebird(0.30), or Northern Cardinal(0.10)");
            assertThat(classIndices(id)).containsExactly(0, 3, 1);
        }

        @ParameterizedTest(name = "K = {0}")
        @ValueSource(ints = {4, 5, 10, Integer.MAX_VALUE})
        void listsEveryClassWhenKReachesTheCatalogSize(int k) {
            Identification id = RULES.withTopK(k).identify("birds/x.jpg", new double[] {0.55, 0.10, 0.05, 0.30}, WORKSHOP);

            assertThat(id.message()).isEqualTo("Bird [birds/x.jpg] may be a: Purple Martin(0.55), "
                    + "or Eastern Bluebird(0.30), or Northern Cardinal(0.10), or American Goldfinch(0.05)");
            assertThat(classIndices(id)).containsExactly(0, 3, 1, 2);
            assertThat(id.predictions()).extracting(RankedPrediction::rank).containsExactly(1, 2, 3, 4);
        }

        @Test
        void carriesTheSpeciesDetailsIntoEachPrediction() {
            SpeciesCatalog catalog = SpeciesCatalog.fromLines("garden",
                    List.of("background", "Cardinalis cardinalis (Northern Cardinal)", "Sialia sialis (Eastern Bluebird)"));

            Identification id = RULES.withTopK(3).identify("k", new double[] {0.2, 0.5, 0.3}, catalog);

            assertThat(id.predictions()).containsExactly(
                    new RankedPrediction(1, 1, "Northern Cardinal", "Cardinalis cardinalis", true, 0.5),
                    new RankedPrediction(2, 2, "Eastern Bluebird", "Sialia sialis", true, 0.3),
                    new RankedPrediction(3, 0, "background", null, false, 0.2));
        }
    }

    @Nested
    class NotABird {

        private final SpeciesCatalog garden = SpeciesCatalog.fromLines("garden",
                List.of("Cardinalis cardinalis (Northern Cardinal)", "background", "Sialia sialis (Eastern Bluebird)"));

        @Test
        void saysNoBirdWasRecognisedWhenTheTopClassIsNotABird() {
            Identification id = RULES.identify("garden/empty.jpg", new double[] {0.05, 0.9, 0.05}, garden);

            assertThat(id.message()).isEqualTo("No bird recognised in [garden/empty.jpg]");
            assertThat(id.birdRecognised()).isFalse();
            assertThat(id.top().name()).isEqualTo("background");
            assertThat(id.confident()).isTrue();
        }

        @Test
        void saysNoBirdWasRecognisedEvenWhenUncertain() {
            Identification id = RULES.identify("garden/empty.jpg", new double[] {0.3, 0.4, 0.3}, garden);

            assertThat(id.message()).isEqualTo("No bird recognised in [garden/empty.jpg]");
            assertThat(id.birdRecognised()).isFalse();
            assertThat(id.confident()).isFalse();
            assertThat(classIndices(id)).containsExactly(1, 0);
        }

        @Test
        void recognisesABirdWhenABirdOutranksTheBackground() {
            Identification id = RULES.identify("garden/card.jpg", new double[] {0.8, 0.15, 0.05}, garden);

            assertThat(id.message()).isEqualTo("Bird [garden/card.jpg] is a: Northern Cardinal(0.80)");
            assertThat(id.birdRecognised()).isTrue();
        }
    }

    @Nested
    class Shape {

        @Test
        void ranksTheTopKWithTheirCatalogNamesAndIndexes() {
            SpeciesCatalog catalog = SpeciesCatalog.fromLines("garden",
                    List.of("Cardinalis cardinalis (Northern Cardinal)", "background", "Eastern Bluebird"));
            Identification id = RULES.identify("birds/x.jpg", new double[] {0.5, 0.2, 0.3}, catalog);

            assertThat(id.key()).isEqualTo("birds/x.jpg");
            assertThat(id.catalog()).isEqualTo("garden");
            assertThat(id.message())
                    .isEqualTo("Bird [birds/x.jpg] may be a: Northern Cardinal(0.50), or Eastern Bluebird(0.30)");
            assertThat(id.confident()).isFalse();
            assertThat(id.birdRecognised()).isTrue();
            assertThat(id.predictions()).containsExactly(
                    new RankedPrediction(1, 0, "Northern Cardinal", "Cardinalis cardinalis", true, 0.5),
                    new RankedPrediction(2, 2, "Eastern Bluebird", null, true, 0.3));
        }

        @Test
        void aNoBirdIdentificationHasBirdRecognisedFalse() {
            SpeciesCatalog catalog = SpeciesCatalog.fromLines("garden", List.of("Northern Cardinal", "background"));

            Identification id = RULES.identify("k", new double[] {0.1, 0.9}, catalog);

            assertThat(id.birdRecognised()).isFalse();
            assertThat(id.confident()).isTrue();
            assertThat(id.message()).isEqualTo("No bird recognised in [k]");
        }

        @Test
        void hasUnmodifiablePredictions() {
            List<RankedPrediction> predictions =
                    RULES.identify("k", new double[] {0.02, 0.94, 0.03, 0.01}, WORKSHOP).predictions();

            assertThatThrownBy(() -> predictions.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class BadInputs {

        static Stream<Arguments> badVectors() {
            return Stream.of(
                    arguments("null vector", null, List.of("no probabilities", "'workshop-4'", "4 classes")),
                    arguments("empty vector", new double[0], List.of("empty vector", "'workshop-4'", "4 classes")),
                    arguments("NaN", new double[] {0.1, Double.NaN, 0.3, 0.2},
                            List.of("NaN", "class 1", "Northern Cardinal", "'workshop-4'")),
                    arguments("+Infinity", new double[] {Double.POSITIVE_INFINITY, 0, 0, 0},
                            List.of("infinite", "(Infinity)", "class 0", "Purple Martin")),
                    arguments("-Infinity", new double[] {0.2, 0.2, 0.2, Double.NEGATIVE_INFINITY},
                            List.of("infinite", "-Infinity", "class 3", "Eastern Bluebird")),
                    arguments("negative", new double[] {0.5, 0.5, -0.01, 0.01},
                            List.of("negative", "-0.01", "class 2", "American Goldfinch", "[0, 1]")),
                    arguments("tiny negative", new double[] {0.5, 0.5, -Double.MIN_VALUE, 0.0},
                            List.of("negative", "class 2")),
                    arguments("above one", new double[] {1.01, 0, 0, 0},
                            List.of("above 1", "1.01", "class 0", "Purple Martin", "logits")),
                    arguments("above one beyond the slack", new double[] {0, 1 + 2e-6, 0, 0},
                            List.of("above 1", "class 1")),
                    arguments("a logit", new double[] {0.1, 0.2, 3.5, 0.1}, List.of("above 1", "3.5", "class 2")),
                    arguments("too short", new double[] {0.5, 0.5},
                            List.of("returned 2 probabilities", "'workshop-4' has 4 classes")),
                    arguments("too long", new double[] {0.2, 0.2, 0.2, 0.2, 0.2},
                            List.of("returned 5 probabilities", "'workshop-4' has 4 classes")),
                    arguments("one class", new double[] {1.0},
                            List.of("returned 1 probabilities", "'workshop-4' has 4 classes")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("badVectors")
        void rejectsAVectorThatIsNotAProbabilityVector(String what, double[] vector, List<String> fragments) {
            assertThatThrownBy(() -> RULES.identify("birds/x.jpg", vector, WORKSHOP))
                    .isInstanceOf(ModelOutputException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .message().contains(fragments);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(doubles = {1 + 1e-7, 1 + 1e-6, 1.0})
        void acceptsRoundingSlackAboveOne(double top) {
            Identification id = RULES.identify("k", new double[] {0, 0, top, 0}, WORKSHOP);

            assertThat(id.message()).isEqualTo("Bird [k] is a: American Goldfinch(1.00)");
        }

        @Test
        void reportsTheFirstBadClass() {
            assertThatThrownBy(() -> RULES.identify("k", new double[] {0.1, -1, Double.NaN, 2}, WORKSHOP))
                    .isInstanceOf(ModelOutputException.class)
                    .hasMessageContaining("class 1")
                    .hasMessageNotContaining("class 2");
        }

        @ParameterizedTest(name = "key \"{0}\"")
        @NullSource
        @ValueSource(strings = {"", " ", "   ", "\t", "\n", " \t\r\n "})
        void rejectsABlankImageKey(String key) {
            assertThatThrownBy(() -> RULES.identify(key, new double[] {0.02, 0.94, 0.03, 0.01}, WORKSHOP))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("image key must not be blank");
        }

        @Test
        void rejectsAMissingCatalog() {
            assertThatThrownBy(() -> RULES.identify("k", new double[] {1.0}, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("catalog");
        }

        @ParameterizedTest(name = "K = {0}")
        @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
        void rejectsATopKBelowOne(int k) {
            assertThatThrownBy(() -> new IdentificationRules(0.7, k, MessageTemplate.WORKSHOP))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("top K must be at least 1, got " + k);
            assertThatThrownBy(() -> RULES.withTopK(k))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("top K");
        }

        @ParameterizedTest(name = "threshold {0}")
        @ValueSource(doubles = {-0.01, -Double.MIN_VALUE, 1.01, 1 + 1e-9, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void rejectsAThresholdOutsideTheUnitInterval(double threshold) {
            assertThatThrownBy(() -> new IdentificationRules(threshold, 2, MessageTemplate.WORKSHOP))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("certainty threshold must be between 0 and 1, got " + threshold);
            assertThatThrownBy(() -> RULES.withThreshold(threshold))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("certainty threshold");
        }

        @Test
        void namesEveryProblemOfTheRulesAtOnce() {
            assertThatThrownBy(() -> new IdentificationRules(Double.NaN, 0, MessageTemplate.WORKSHOP))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("certainty threshold must be between 0 and 1, got NaN")
                    .hasMessageContaining("top K must be at least 1, got 0");
        }

        @Test
        void rejectsMissingTemplate() {
            assertThatThrownBy(() -> new IdentificationRules(0.7, 2, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("template");
        }
    }

    @Test
    void hasTheWorkshopDefaults() {
        assertThat(RULES.threshold()).isEqualTo(0.70);
        assertThat(RULES.topK()).isEqualTo(2);
        assertThat(RULES.template()).isEqualTo(MessageTemplate.WORKSHOP);
    }
}
