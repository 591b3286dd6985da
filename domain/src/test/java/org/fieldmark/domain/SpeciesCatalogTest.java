package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SpeciesCatalogTest {

    private static SpeciesCatalog catalog(String... lines) {
        return SpeciesCatalog.fromLines("test", Arrays.asList(lines));
    }

    @Test
    void holdsTheWorkshopSpeciesInModelOrder() {
        SpeciesCatalog workshop = SpeciesCatalog.WORKSHOP_4;

        assertThat(workshop.name()).isEqualTo("workshop-4").isEqualTo(SpeciesCatalog.WORKSHOP_4_NAME);
        assertThat(workshop.size()).isEqualTo(4);
        assertThat(workshop.species()).extracting(Species::name)
                .containsExactly("Purple Martin", "Northern Cardinal", "American Goldfinch", "Eastern Bluebird");
        assertThat(workshop.species()).extracting(Species::index).containsExactly(0, 1, 2, 3);
        assertThat(workshop.species()).allSatisfy(species -> {
            assertThat(species.bird()).isTrue();
            assertThat(species.scientificName()).isNull();
            assertThat(species.key()).isEqualTo(species.name());
        });
        assertThat(workshop.species(1).name()).isEqualTo("Northern Cardinal");
        assertThat(workshop).hasToString("SpeciesCatalog[workshop-4, 4 classes]");
    }

    @Test
    void findsTheWorkshopCatalogByName() {
        assertThat(SpeciesCatalog.builtIn("workshop-4")).containsSame(SpeciesCatalog.WORKSHOP_4);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"nope", "Workshop-4", "workshop-4 ", "inat-bird"})
    void findsNoBuiltInCatalogForOtherNames(String name) {
        assertThat(SpeciesCatalog.builtIn(name)).isEmpty();
    }

    @Test
    void readsTheScientificNameBeforeTheCommonName() {
        Species cardinal = catalog("Cardinalis cardinalis (Northern Cardinal)").species(0);

        assertThat(cardinal.name()).isEqualTo("Northern Cardinal");
        assertThat(cardinal.scientificName()).isEqualTo("Cardinalis cardinalis");
        assertThat(cardinal.scientific()).contains("Cardinalis cardinalis");
        assertThat(cardinal.key()).isEqualTo("Cardinalis cardinalis");
        assertThat(cardinal.bird()).isTrue();
    }

    @Test
    void keepsParenthesesInsideTheCommonName() {
        Species harrier = catalog("Circus cyaneus hudsonius (Northern Harrier (American))").species(0);

        assertThat(harrier.scientificName()).isEqualTo("Circus cyaneus hudsonius");
        assertThat(harrier.name()).isEqualTo("Northern Harrier (American)");
    }

    @Test
    void stripsSpacesAroundBothNames() {
        Species robin = catalog("  Turdus migratorius   (  American Robin ) ").species(0);

        assertThat(robin.scientificName()).isEqualTo("Turdus migratorius");
        assertThat(robin.name()).isEqualTo("American Robin");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Northern Cardinal", "(Northern Cardinal)", "Cardinal (red) male", "Cardinal ()",
            "Cardinal ( )"})
    void keepsAPlainLabelAsTheDisplayNameAndKey(String label) {
        Species species = catalog(label).species(0);

        assertThat(species.name()).isEqualTo(label.strip());
        assertThat(species.scientificName()).isNull();
        assertThat(species.scientific()).isEmpty();
        assertThat(species.key()).isEqualTo(label.strip());
    }

    @Test
    void marksTheBackgroundAsNotABirdByLabelAtAnyPosition() {
        SpeciesCatalog catalog = catalog("Northern Cardinal", "background", "Eastern Bluebird");

        assertThat(catalog.species()).extracting(Species::bird).containsExactly(true, false, true);
        assertThat(catalog("background", "Northern Cardinal").species(0).bird()).isFalse();
        assertThat(catalog("Northern Cardinal", "background").species(1).bird()).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Background", "BACKGROUND", "  background  ", "Nothing (background)", "background (empty)"})
    void recognisesTheBackgroundLabelInAnyCaseOrPart(String label) {
        assertThat(catalog("Northern Cardinal", label).species(1).bird()).isFalse();
    }

    @Test
    void marksCustomLabelsAsNotBirds() {
        SpeciesCatalog catalog = SpeciesCatalog.fromLines("custom",
                List.of("background", "Empty Frame", "Turdus migratorius (American Robin)", "squirrel (Sciurus)"),
                Set.of(" empty frame ", "Sciurus"));

        assertThat(catalog.species()).extracting(Species::bird).containsExactly(true, false, true, false);
    }

    @Test
    void ignoresATrailingEmptyLine() {
        SpeciesCatalog catalog = catalog("Purple Martin", "Northern Cardinal", "");

        assertThat(catalog.size()).isEqualTo(2);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "\t"})
    void rejectsABlankLineInTheMiddleNamingItsLineNumber(String blank) {
        assertThatThrownBy(() -> catalog("Purple Martin", "Northern Cardinal", blank, "Eastern Bluebird"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catalog 'test' is invalid")
                .hasMessageContaining("line 3 is blank (class 2)");
    }

    @Test
    void rejectsDuplicateLabelsIgnoringCase() {
        assertThatThrownBy(() -> catalog("Purple Martin", "Northern Cardinal", "purple martin"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3 repeats line 1 'purple martin'");
    }

    @Test
    void namesEveryBadLineAtOnce() {
        assertThatThrownBy(() -> catalog("Purple Martin", "", "Purple Martin", "x"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2 is blank")
                .hasMessageContaining("line 3 repeats line 1");
    }

    @Test
    void rejectsAnEmptyCatalog() {
        assertThatThrownBy(() -> SpeciesCatalog.fromLines("empty", List.of()))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("catalog 'empty' has no labels");
        assertThatThrownBy(() -> SpeciesCatalog.fromLines("empty", List.of("", " ")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("catalog 'empty' has no labels");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void rejectsABlankCatalogName(String name) {
        assertThatThrownBy(() -> SpeciesCatalog.fromLines(name, List.of("Purple Martin")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("catalog name must not be blank");
    }

    @Test
    void stripsAByteOrderMarkFromTheFirstLine() {
        SpeciesCatalog catalog = catalog("\uFEFFProgne subis (Purple Martin)", "Northern Cardinal");

        assertThat(catalog.species(0).scientificName()).isEqualTo("Progne subis");
        assertThat(catalog.species(0).name()).isEqualTo("Purple Martin");
    }

    @ParameterizedTest(name = "class {0}")
    @ValueSource(ints = {-1, 4, 100})
    void rejectsAClassOutsideTheCatalog(int index) {
        assertThatThrownBy(() -> SpeciesCatalog.WORKSHOP_4.species(index))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("class " + index + " is outside catalog 'workshop-4' (0..3)");
    }

    @Test
    void exposesAnUnmodifiableSpeciesList() {
        assertThatThrownBy(() -> SpeciesCatalog.WORKSHOP_4.species().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void speciesRejectsANegativeIndexAndABlankName() {
        assertThatThrownBy(() -> new Species(-1, "Robin", null, true))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("species index must not be negative, got -1");
        assertThatThrownBy(() -> new Species(3, " ", null, true))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("species 3 has a blank name");
        assertThatThrownBy(() -> new Species(3, null, null, true))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void speciesTreatsABlankScientificNameAsNone() {
        Species robin = new Species(0, "American Robin", "  ", true);

        assertThat(robin.scientificName()).isNull();
        assertThat(robin.key()).isEqualTo("American Robin");
    }
}
