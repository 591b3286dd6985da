package org.fieldmark.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fieldmark.application.testing.Results;
import org.fieldmark.domain.sighting.DailyDigest;
import org.junit.jupiter.api.Test;

/** The webhook's JSON of a daily digest, byte for byte as it is POSTed (and signed). */
class DigestJsonTest {

    @Test
    void aDayWithBirdsListsItsSpeciesMostSightingsFirst() {
        assertThat(new JsonObject(DigestJson.of(Results.digest())).encode()).isEqualTo("{\"type\":\"digest\","
                + "\"date\":\"2026-11-29\",\"timeZone\":\"Europe/Berlin\",\"message\":\"Fieldmark digest for "
                + "2026-11-29: 3 species, 12 sightings — House Sparrow 7, Northern Cardinal 4, Blue Jay 1\","
                + "\"sightings\":12,\"species\":[{\"scientificName\":\"Passer domesticus\",\"name\":\"House Sparrow\","
                + "\"count\":7},{\"scientificName\":\"Cardinalis cardinalis\",\"name\":\"Northern Cardinal\","
                + "\"count\":4},{\"scientificName\":\"Cyanocitta cristata\",\"name\":\"Blue Jay\",\"count\":1}]}");
    }

    @Test
    void aDayWithoutBirdsHasNoSpecies() {
        DailyDigest empty = new DailyDigest(LocalDate.of(2026, 11, 30), ZoneId.of("UTC"), List.of(), 0);

        assertThat(new JsonObject(DigestJson.of(empty)).encode()).isEqualTo("{\"type\":\"digest\","
                + "\"date\":\"2026-11-30\",\"timeZone\":\"UTC\",\"message\":\"Fieldmark digest for 2026-11-30: "
                + "no birds recorded\",\"sightings\":0,\"species\":[]}");
    }
}
