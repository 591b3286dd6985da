package org.fieldmark.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.testing.Results;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttMessagesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T06:30:00Z");
    private final MqttMessages messages = new MqttMessages("fieldmark", "homeassistant");

    static IdentificationResult cardinalAtTheFeeder() {
        IdentificationResult result = Results.workshop("photos", "birds/card.jpg", 0.02, 0.94, 0.03, 0.01);
        return result.withSighting(new Sighting("s-42", Instant.parse("2026-05-01T06:12:03Z"), "birds/card.jpg",
                "feeder", "Cardinalis cardinalis", "Northern Cardinal", 0.94, true, true, "notified: every", null));
    }

    @Test
    void writesANotifiedSightingAsExactJson() {
        assertThat(messages.sighting(cardinalAtTheFeeder(), Optional.empty(), NOW)).isEqualTo("{\"id\":\"s-42\","
                + "\"species\":\"Northern Cardinal\",\"scientificName\":\"Cardinalis cardinalis\",\"probability\":0.94,"
                + "\"confident\":true,\"time\":\"2026-05-01T06:12:03Z\",\"source\":\"feeder\","
                + "\"key\":\"birds/card.jpg\",\"reason\":\"notified: every\","
                + "\"message\":\"Bird [birds/card.jpg] is a: Northern Cardinal(0.94)\","
                + "\"locator\":\"whole\",\"windows\":0,\"region\":null}");
    }

    @Test
    void saysWhereInThePhotoTheBirdWasFound() {
        IdentificationResult located = cardinalAtTheFeeder().withLocated(new IdentificationResult.Located("search",
                new org.fieldmark.domain.region.Region(640, 180, 320, 360, 1280, 720), 14));

        assertThat(messages.sighting(located, Optional.empty(), NOW)).endsWith("\"locator\":\"search\","
                + "\"windows\":14,\"region\":{\"x\":640,\"y\":180,\"width\":320,\"height\":360,"
                + "\"imageWidth\":1280,\"imageHeight\":720,\"left\":0.5,\"top\":0.25,\"relativeWidth\":0.25,"
                + "\"relativeHeight\":0.5,\"wholeFrame\":false}}");
    }

    @Test
    void fillsAResultWithoutASightingFromTheIdentificationTheBucketAndTheClock() {
        JsonObject json = new JsonObject(messages.sighting(
                Results.workshop("garden", "birds/x.jpg", 0.55, 0.10, 0.05, 0.30), Optional.empty(), NOW));

        assertThat(json.getValue("id")).isNull();
        assertThat(json.getString("species")).isEqualTo("Purple Martin");
        assertThat(json.getDouble("probability")).isEqualTo(0.55);
        assertThat(json.getBoolean("confident")).isFalse();
        assertThat(json.getString("time")).isEqualTo("2026-05-01T06:30:00Z");
        assertThat(json.getString("source")).isEqualTo("garden");
        assertThat(json.getValue("reason")).isNull();
        assertThat(json.containsKey("imageUrl")).isFalse();
    }

    @Test
    void carriesTheImageLinkItIsGivenAfterTheReason() {
        String json = messages.sighting(cardinalAtTheFeeder(),
                Optional.of("https://birds.example/v1/images?key=birds%2Fcard.jpg"), NOW);

        assertThat(json).endsWith("\"reason\":\"notified: every\","
                + "\"message\":\"Bird [birds/card.jpg] is a: Northern Cardinal(0.94)\","
                + "\"locator\":\"whole\",\"windows\":0,\"region\":null,"
                + "\"imageUrl\":\"https://birds.example/v1/images?key=birds%2Fcard.jpg\"}");
    }

    @Test
    void carriesWhereTheBirdWasLocatedSoHomeAssistantShowsItAsAnAttribute() {
        String json = messages.sighting(Results.located(cardinalAtTheFeeder()),
                Optional.of("https://birds.example/v1/images?key=birds%2Fcard.jpg"), NOW);

        assertThat(json).endsWith("\"locator\":\"search\",\"windows\":12,"
                + "\"region\":{\"x\":512,\"y\":288,\"width\":256,\"height\":170,\"imageWidth\":1280,"
                + "\"imageHeight\":720,\"left\":0.4,\"top\":0.4,\"relativeWidth\":0.2,"
                + "\"relativeHeight\":0.2361111111111111,\"wholeFrame\":false},"
                + "\"imageUrl\":\"https://birds.example/v1/images?key=birds%2Fcard.jpg\"}");
        assertThat(messages.sighting(cardinalAtTheFeeder(), Optional.empty(), NOW)).contains("\"region\":null");
    }

    @Test
    void leavesLinkingToTheWiringEvenForPhotosFetchedFromAUrl() {
        IdentificationResult fromUrl = new IdentificationResult(new ImageReference("", "https://cam.example/p/1.jpg"),
                null, "image/jpeg", 10, IdentificationRules.DEFAULT.identify("https://cam.example/p/1.jpg",
                new double[] {0.9, 0.05, 0.03, 0.02}, SpeciesCatalog.WORKSHOP_4), "m",
                new IdentificationResult.Timings(0, 0, 0));

        JsonObject unlinked = new JsonObject(messages.sighting(fromUrl, Optional.empty(), NOW));
        JsonObject linked = new JsonObject(messages.sighting(fromUrl, Optional.of("https://cam.example/p/1.jpg"), NOW));

        assertThat(unlinked.containsKey("imageUrl")).isFalse();
        assertThat(linked.getString("imageUrl")).isEqualTo("https://cam.example/p/1.jpg");
        assertThat(linked.getString("source")).isEqualTo("default");
    }

    @ParameterizedTest(name = "source ''{0}'' -> topic level ''{1}'', id ''{2}''")
    @CsvSource(delimiter = '|', value = {
            "feeder|feeder|feeder",
            "Back Yard|Back Yard|back_yard",
            "cam/1|cam_1|cam_1",
            "a+b#c|a_b_c|a_b_c",
            "#|_|default",
            "Mésange Café|Mésange Café|m_sange_caf",
            "'  '|default|default"})
    void turnsSourceNamesIntoSafeTopicLevelsAndIds(String source, String level, String slug) {
        assertThat(MqttMessages.topicLevel(source)).isEqualTo(level);
        assertThat(MqttMessages.slug(source)).isEqualTo(slug);
        assertThat(messages.sightingTopic(source)).isEqualTo("fieldmark/" + level + "/sighting")
                .doesNotContain("+", "#");
    }

    @Test
    void filesResultsUnderTheSightingsSourceElseTheBucketElseDefault() {
        assertThat(MqttMessages.source(cardinalAtTheFeeder())).isEqualTo("feeder");
        assertThat(MqttMessages.source(Results.workshop("garden", "a.jpg", 1, 0, 0, 0))).isEqualTo("garden");
        assertThat(MqttMessages.source(Results.workshop("", "a.jpg", 1, 0, 0, 0))).isEqualTo("default");
    }

    @Test
    void describesTwoHomeAssistantSensorsPerSourceExactly() {
        List<MqttMessages.Message> configs = messages.discovery("Back Yard");

        assertThat(configs).extracting(MqttMessages.Message::topic).containsExactly(
                "homeassistant/sensor/fieldmark_back_yard_last_species/config",
                "homeassistant/sensor/fieldmark_back_yard_last_confidence/config");
        assertThat(configs).allMatch(MqttMessages.Message::retained);
        String device = "\"device\":{\"identifiers\":[\"fieldmark_back_yard\"],\"name\":\"Fieldmark Back Yard\","
                + "\"manufacturer\":\"Fieldmark\",\"model\":\"Bird identification\"},\"origin\":{\"name\":\"Fieldmark\"}";
        String common = "\"state_topic\":\"fieldmark/Back Yard/sighting\",\"availability_topic\":\"fieldmark/status\","
                + "\"payload_available\":\"online\",\"payload_not_available\":\"offline\"," + device;
        assertThat(configs.get(0).payload()).isEqualTo("{\"name\":\"Last species\","
                + "\"unique_id\":\"fieldmark_back_yard_last_species\"," + common
                + ",\"value_template\":\"{{ value_json.species }}\","
                + "\"json_attributes_topic\":\"fieldmark/Back Yard/sighting\",\"icon\":\"mdi:bird\"}");
        assertThat(configs.get(1).payload()).isEqualTo("{\"name\":\"Last confidence\","
                + "\"unique_id\":\"fieldmark_back_yard_last_confidence\"," + common
                + ",\"value_template\":\"{{ (value_json.probability * 100) | round(1) }}\","
                + "\"unit_of_measurement\":\"%\",\"state_class\":\"measurement\",\"icon\":\"mdi:percent\"}");
    }

    @Test
    void usesTheConfiguredPrefixes() {
        MqttMessages custom = new MqttMessages("home/birds", "ha");

        assertThat(custom.sightingTopic("feeder")).isEqualTo("home/birds/feeder/sighting");
        assertThat(custom.statusTopic()).isEqualTo("home/birds/status");
        assertThat(custom.digestTopic()).isEqualTo("home/birds/digest");
        assertThat(custom.discovery("feeder").get(0).topic()).isEqualTo("ha/sensor/fieldmark_feeder_last_species/config");
    }
}
