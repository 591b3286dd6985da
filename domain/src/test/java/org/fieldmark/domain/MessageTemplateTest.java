package org.fieldmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplateTest {

    private static final SpeciesCatalog WORKSHOP = SpeciesCatalog.WORKSHOP_4;
    private static final SpeciesCatalog SCIENTIFIC = SpeciesCatalog.fromLines("workshop-scientific", List.of(
            "Progne subis (Purple Martin)",
            "Cardinalis cardinalis (Northern Cardinal)",
            "Spinus tristis (American Goldfinch)",
            "Sialia sialis (Eastern Bluebird)"));
    private static final double[] CARDINAL = {0.02, 0.94, 0.03, 0.01};
    private static final double[] UNSURE = {0.55, 0.10, 0.05, 0.30};

    private static String message(MessageTemplate template, double[] vector, SpeciesCatalog catalog) {
        return new IdentificationRules(0.70, 2, template).identify("birds/x.jpg", vector, catalog).message();
    }

    @Test
    void putsASpaceBeforeTheParenthesis() {
        MessageTemplate template = MessageTemplate.WORKSHOP.withPrediction("{name} ({probability})");

        assertThat(message(template, UNSURE, WORKSHOP))
                .isEqualTo("Bird [birds/x.jpg] may be a: Purple Martin (0.55), or Eastern Bluebird (0.30)");
        assertThat(message(template, CARDINAL, WORKSHOP))
                .isEqualTo("Bird [birds/x.jpg] is a: Northern Cardinal (0.94)");
    }

    @Test
    void namesSpeciesByTheirScientificNames() {
        MessageTemplate template = MessageTemplate.WORKSHOP.withPrediction("{scientific}({probability})");

        assertThat(message(template, CARDINAL, SCIENTIFIC))
                .isEqualTo("Bird [birds/x.jpg] is a: Cardinalis cardinalis(0.94)");
        assertThat(message(template, UNSURE, SCIENTIFIC))
                .isEqualTo("Bird [birds/x.jpg] may be a: Progne subis(0.55), or Sialia sialis(0.30)");
    }

    @Test
    void fallsBackToTheDisplayNameWhenThereIsNoScientificName() {
        MessageTemplate template = MessageTemplate.WORKSHOP.withPrediction("{scientific}({probability})");

        assertThat(message(template, CARDINAL, WORKSHOP)).isEqualTo("Bird [birds/x.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void displaysCommonNamesOfAScientificCatalogByDefault() {
        assertThat(message(MessageTemplate.WORKSHOP, CARDINAL, SCIENTIFIC))
                .isEqualTo("Bird [birds/x.jpg] is a: Northern Cardinal(0.94)");
    }

    @Test
    void printsWholePercentsAndRanks() {
        MessageTemplate template = MessageTemplate.WORKSHOP.withPrediction("#{rank} {name} {percent}%");

        assertThat(message(template, UNSURE, WORKSHOP))
                .isEqualTo("Bird [birds/x.jpg] may be a: #1 Purple Martin 55%, or #2 Eastern Bluebird 30%");
        assertThat(message(template, new double[] {0.005, 0.994, 0.001, 0.0}, WORKSHOP))
                .isEqualTo("Bird [birds/x.jpg] is a: #1 Northern Cardinal 99%");
    }

    @Test
    void joinsPredictionsWithACustomSeparator() {
        MessageTemplate template = new MessageTemplate("{predictions} at {key}", "{key}: {predictions}?",
                "nothing at {key}", "{name}", " | ");

        assertThat(message(template, UNSURE, WORKSHOP)).isEqualTo("birds/x.jpg: Purple Martin | Eastern Bluebird?");
        assertThat(message(template, CARDINAL, WORKSHOP)).isEqualTo("Northern Cardinal at birds/x.jpg");
    }

    @Test
    void allowsAnEmptySeparatorAndPlaceholdersUsedTwice() {
        MessageTemplate template = new MessageTemplate("{key}{key}", "[{predictions}][{predictions}]",
                "", "{rank}{rank}", "");

        assertThat(message(template, UNSURE, WORKSHOP)).isEqualTo("[1122][1122]");
        assertThat(message(template, CARDINAL, WORKSHOP)).isEqualTo("birds/x.jpgbirds/x.jpg");
    }

    @Test
    void usesTheNoBirdTemplateWhenTheTopClassIsNotABird() {
        SpeciesCatalog garden = SpeciesCatalog.fromLines("garden", List.of("Northern Cardinal", "background"));
        MessageTemplate template = new MessageTemplate("{predictions}", "{predictions}",
                "nothing in {key}, best guesses {predictions}", "{name}", " / ");

        assertThat(new IdentificationRules(0.7, 2, template).identify("a.jpg", new double[] {0.4, 0.6}, garden).message())
                .isEqualTo("nothing in a.jpg, best guesses background / Northern Cardinal");
    }

    @Test
    void printsKeysAndNamesHoldingPlaceholdersLiterally() {
        SpeciesCatalog odd = SpeciesCatalog.fromLines("odd", List.of("The {key} bird", "{probability}", "C", "D"));
        IdentificationRules rules = IdentificationRules.DEFAULT;

        assertThat(rules.identify("birds/{name}.jpg", new double[] {0.9, 0.1, 0, 0}, odd).message())
                .isEqualTo("Bird [birds/{name}.jpg] is a: The {key} bird(0.90)");
        assertThat(rules.identify("{predictions}", new double[] {0.4, 0.6, 0, 0}, odd).message())
                .isEqualTo("Bird [{predictions}] may be a: {probability}(0.60), or The {key} bird(0.40)");
    }

    @Test
    void writesTheWorkshopWording() {
        assertThat(MessageTemplate.WORKSHOP).isEqualTo(new MessageTemplate(
                "Bird [{key}] is a: {predictions}",
                "Bird [{key}] may be a: {predictions}",
                "No bird recognised in [{key}]",
                "{name}({probability})",
                ", or "));
    }

    @ParameterizedTest(name = "prediction template \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{nam}({probability})    | prediction template has unknown placeholder {nam}; allowed: {name}, {percent}, {probability}, {rank}, {scientific}",
            "{key}                   | prediction template has unknown placeholder {key}",
            "{}                      | prediction template has unknown placeholder {}",
            "{ name }                | unknown placeholder { name }",
            "{NAME}                  | unknown placeholder {NAME}",
            "{name({probability})    | unknown placeholder {name({probability}",
            "{name}({probability)    | prediction template has an unclosed '{' at 7",
            "{name                   | prediction template has an unclosed '{' at 0",
            "name}                   | prediction template has '}' without '{' at 4",
            "{name}}                 | prediction template has '}' without '{' at 6",
    })
    void rejectsABadPredictionTemplateAtConstruction(String prediction, String problem) {
        assertThatThrownBy(() -> MessageTemplate.WORKSHOP.withPrediction(prediction))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("message template is invalid: ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{0} template \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "confident  | Bird [{key}] is a: {name}     | confident template has unknown placeholder {name}; allowed: {key}, {predictions}",
            "uncertain  | Bird [{key] may be a: x       | uncertain template has an unclosed '{' at 6",
            "noBird     | No bird in {key}}             | noBird template has '}' without '{' at 16",
            "noBird     | No bird in {probability}      | noBird template has unknown placeholder {probability}",
    })
    void rejectsABadMessageTemplateAtConstruction(String field, String template, String problem) {
        MessageTemplate w = MessageTemplate.WORKSHOP;

        assertThatThrownBy(() -> {
            switch (field) {
                case "confident" -> new MessageTemplate(template, w.uncertain(), w.noBird(), w.prediction(), w.separator());
                case "uncertain" -> new MessageTemplate(w.confident(), template, w.noBird(), w.prediction(), w.separator());
                default -> new MessageTemplate(w.confident(), w.uncertain(), template, w.prediction(), w.separator());
            }
        })
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void namesEveryBadTemplateAtOnce() {
        assertThatThrownBy(() -> new MessageTemplate("{oops}", null, "fine", "{name", ", "))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confident template has unknown placeholder {oops}")
                .hasMessageContaining("uncertain template is missing")
                .hasMessageContaining("prediction template has an unclosed '{' at 0")
                .hasMessageNotContaining("noBird");
    }

    @Test
    void requiresASeparator() {
        assertThatThrownBy(() -> new MessageTemplate("{key}", "{key}", "{key}", "{name}", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("separator");
    }
}
