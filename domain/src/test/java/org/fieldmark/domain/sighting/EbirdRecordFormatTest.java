package org.fieldmark.domain.sighting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EbirdRecordFormatTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final SpeciesNames CATALOG = SpeciesNames.of(SpeciesCatalog.fromLines("test", List.of(
            "Passer domesticus (House Sparrow)", "Cardinalis cardinalis (Northern Cardinal)",
            "Turdus merula (Eurasian Blackbird)")));

    @Test
    void writesOneRowPerSpeciesInEbirdsColumnOrderWithoutAHeader() {
        Sighting sparrow = Sightings.of("2026-05-01T05:12:30Z", "Passer domesticus", "House Sparrow");

        String csv = EbirdRecordFormat.write(List.of(sparrow), BERLIN, CATALOG);

        assertThat(csv).isEqualTo("House Sparrow,Passer,domesticus,1,\"1 photo, first 07:12, last 07:12\",feeder,,,"
                + "05/01/2026,07:12,,,Stationary,1,1,N,,,Photos from camera 'feeder' identified by Fieldmark\r\n");
        assertThat(parse(csv).get(0)).hasSize(19);
    }

    @Test
    void makesOneChecklistPerLocalDateAndCameraWithOneBirdPerSpecies() {
        List<Sighting> sightings = new ArrayList<>();
        // Forty photos of the feeder's sparrow within ten minutes are one sparrow.
        for (int i = 0; i < 40; i++) {
            sightings.add(Sightings.of(String.format("2026-05-01T06:%02d:%02dZ", i / 4, (i % 4) * 15),
                    "Passer domesticus", "House Sparrow"));
        }
        sightings.add(Sightings.of("2026-05-01T07:30:10Z", "Cardinalis cardinalis", "Northern Cardinal"));
        sightings.add(Sightings.of("2026-05-01T06:05:00Z", "Cardinalis cardinalis", "Northern Cardinal", true, "pond"));
        // 00:30 in Berlin on 2 May: another local date, so another checklist.
        sightings.add(Sightings.of("2026-05-01T22:30:00Z", "Passer domesticus", "House Sparrow"));

        List<List<String>> rows = parse(EbirdRecordFormat.write(sightings, BERLIN, CATALOG));

        assertThat(rows).extracting(r -> r.get(8) + " " + r.get(5) + " " + r.get(0) + " x" + r.get(3) + " from "
                + r.get(9) + " for " + r.get(14) + " min: " + r.get(4)).containsExactly(
                "05/01/2026 feeder House Sparrow x1 from 08:00 for 91 min: 40 photos, first 08:00, last 08:09",
                "05/01/2026 feeder Northern Cardinal x1 from 08:00 for 91 min: 1 photo, first 09:30, last 09:30",
                "05/01/2026 pond Northern Cardinal x1 from 08:05 for 1 min: 1 photo, first 08:05, last 08:05",
                "05/02/2026 feeder House Sparrow x1 from 00:30 for 1 min: 1 photo, first 00:30, last 00:30");
    }

    @Test
    void exportsReviewedSightingsAsTheCorrectedSpeciesAndLeavesOutNoBirdsAndUncheckedGuesses() {
        List<Sighting> sightings = List.of(
                Sightings.of("2026-05-01T06:00:00Z", "Cardinalis cardinalis", "Northern Cardinal")
                        .withReview(Review.species("Turdus merula")),
                Sightings.of("2026-05-01T06:01:00Z", "Cardinalis cardinalis", "Northern Cardinal")
                        .withReview(Review.notABirdAtAll()),
                Sightings.of("2026-05-01T06:02:00Z", "Cardinalis cardinalis", "Northern Cardinal", false, "feeder"),
                Sightings.of("2026-05-01T06:03:00Z", "Passer domesticus", "House Sparrow", false, "feeder")
                        .withReview(Review.species("Passer domesticus")));

        List<List<String>> rows = parse(EbirdRecordFormat.write(sightings, BERLIN, CATALOG));

        assertThat(rows).extracting(r -> String.join("|", r.subList(0, 5))).containsExactly(
                "Eurasian Blackbird|Turdus|merula|1|1 photo (1 reviewed by a person), first 08:00, last 08:00",
                "House Sparrow|Passer|domesticus|1|1 photo (1 reviewed by a person), first 08:03, last 08:03");
    }

    @Test
    void leavesGenusAndSpeciesEmptyWhenTheCatalogHadNoScientificName() {
        Sighting workshop = Sightings.of("2026-05-01T06:00:00Z", "Northern Cardinal", "Northern Cardinal");

        assertThat(parse(EbirdRecordFormat.write(List.of(workshop), BERLIN, SpeciesNames.NONE)).get(0).subList(0, 3))
                .containsExactly("Northern Cardinal", "", "");
        assertThat(EbirdRecordFormat.write(List.of(), BERLIN, CATALOG)).isEmpty();
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of("plain text", "feeder", "feeder"),
                Arguments.of("empty", "", ""),
                Arguments.of("a comma", "garden, north side", "\"garden, north side\""),
                Arguments.of("quotes", "the \"big\" feeder", "\"the \"\"big\"\" feeder\""),
                Arguments.of("a line feed", "line one\nline two", "\"line one\nline two\""),
                Arguments.of("a carriage return", "a\rb", "\"a\rb\""),
                Arguments.of("only a quote", "\"", "\"\"\"\""),
                Arguments.of("unicode", "Mésange charbonnière 🐦 シジュウカラ", "Mésange charbonnière 🐦 シジュウカラ"),
                Arguments.of("unicode with a comma", "Zürich, See", "\"Zürich, See\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void quotesAFieldOnlyWhenItMust(String name, String value, String written) {
        assertThat(EbirdRecordFormat.field(value)).isEqualTo(written);
        assertThat(parse(EbirdRecordFormat.field(value) + "\r\n")).containsExactly(List.of(value));
    }

    @Test
    void aCameraNameWithCommasQuotesAndLineBreaksStaysOneField() {
        String source = "Oma's \"Garten\", Zürich\nback yard";
        Sighting sparrow = Sightings.of("2026-05-01T05:12:30Z", "Passer domesticus", "House Sparrow", true, source);

        List<List<String>> rows = parse(EbirdRecordFormat.write(List.of(sparrow), BERLIN, CATALOG));

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).hasSize(19);
        assertThat(rows.get(0).get(5)).isEqualTo(source);
        assertThat(rows.get(0).get(18)).isEqualTo("Photos from camera '" + source + "' identified by Fieldmark");
    }

    /** A strict RFC 4180 reader: rows end in CRLF, quoted fields may hold anything. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.length() == 0) {
                i++;
                while (true) {
                    char q = csv.charAt(i);
                    if (q == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        field.append(q);
                        i++;
                    }
                }
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && csv.startsWith("\r\n", i)) {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("unquoted line break at %d", i).isNotIn('\r', '\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(row).as("text after the last CRLF").isEmpty();
        return rows;
    }
}
