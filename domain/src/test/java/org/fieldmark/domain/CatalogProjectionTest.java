package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogProjectionTest {

    /** Six classes in an order unlike the workshop's, with scientific names, a stranger and background. */
    private static final SpeciesCatalog MODEL = SpeciesCatalog.fromLines("model", List.of(
            "Sialia sialis (Eastern Bluebird)",
            "Cardinalis cardinalis (Northern Cardinal)",
            "Athene cunicularia (Burrowing Owl)",
            "Spinus tristis (American Goldfinch)",
            "Progne subis (Purple Martin)",
            "background"));

    @Test
    void takesEachServedSpeciesFromTheModelsClassOfTheSameNameAndRenormalises() {
        CatalogProjection projection = CatalogProjection.between(MODEL, SpeciesCatalog.WORKSHOP_4);
        double[] model = {0.10, 0.20, 0.50, 0.05, 0.05, 0.10};

        double[] served = projection.apply(model);

        // Purple Martin, Northern Cardinal, American Goldfinch, Eastern Bluebird over their sum 0.40.
        assertThat(served).containsExactly(new double[] {0.05 / 0.40, 0.20 / 0.40, 0.05 / 0.40, 0.10 / 0.40},
                within(1e-12));
        assertThat(served[0] + served[1] + served[2] + served[3]).isCloseTo(1.0, within(1e-12));
        assertThat(projection.identity()).isFalse();
        assertThat(projection.served()).isSameAs(SpeciesCatalog.WORKSHOP_4);
        assertThat(projection.model()).isSameAs(MODEL);
    }

    @Test
    void matchesScientificNamesBeforeDisplayNamesAndIgnoresCase() {
        SpeciesCatalog served = SpeciesCatalog.fromLines("mine", List.of(
                "ATHENE CUNICULARIA (Ground Owl)", "eastern bluebird"));

        double[] projected = CatalogProjection.between(MODEL, served).apply(new double[] {0.3, 0, 0.1, 0, 0, 0.6});

        assertThat(projected).containsExactly(new double[] {0.25, 0.75}, within(1e-12));
    }

    @Test
    void givesEqualSharesWhenTheModelGivesNoneOfTheServedSpeciesAnything() {
        double[] projected = CatalogProjection.between(MODEL, SpeciesCatalog.WORKSHOP_4)
                .apply(new double[] {0, 0, 0.9, 0, 0, 0.1});

        assertThat(projected).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void passesTheSameCatalogThroughUnchanged() {
        double[] model = {0.1, 0.2, 0.3, 0.1, 0.1, 0.2};
        SpeciesCatalog sameClasses = SpeciesCatalog.fromLines("copy", MODEL.species().stream()
                .map(s -> s.scientific().map(n -> n + " (" + s.name() + ")").orElse(s.name())).toList());

        assertThat(CatalogProjection.between(MODEL, MODEL).apply(model)).containsExactly(model);
        assertThat(CatalogProjection.between(MODEL, sameClasses).identity()).isTrue();
        assertThat(CatalogProjection.between(MODEL, MODEL).apply(model)).isNotSameAs(model);
    }

    @Test
    void refusesACatalogWithSpeciesTheModelDoesNotKnowNamingThemAll() {
        SpeciesCatalog served = SpeciesCatalog.fromLines("garden", List.of("Northern Cardinal", "Blue Jay", "Robin"));

        assertThatThrownBy(() -> CatalogProjection.between(MODEL, served))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("catalog 'garden' cannot be served from the model's catalog 'model': it has no class "
                        + "named Blue Jay, Robin");
    }

    @Test
    void refusesAVectorOfTheWrongLengthForTheModel() {
        CatalogProjection projection = CatalogProjection.between(MODEL, SpeciesCatalog.WORKSHOP_4);

        assertThatThrownBy(() -> projection.apply(new double[] {0.25, 0.25, 0.25, 0.25}))
                .isInstanceOf(ModelOutputException.class)
                .hasMessage("the model answered 4 probabilities, but its catalog 'model' has 6 classes");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void refusesValuesThatAreNotProbabilities(double bad) {
        CatalogProjection projection = CatalogProjection.between(MODEL, SpeciesCatalog.WORKSHOP_4);

        assertThatThrownBy(() -> projection.apply(new double[] {0.1, 0.1, bad, 0.1, 0.1, 0.1}))
                .isInstanceOf(ModelOutputException.class)
                .hasMessageContaining("for class 2 ('Burrowing Owl'), which is not a probability");
    }
}
