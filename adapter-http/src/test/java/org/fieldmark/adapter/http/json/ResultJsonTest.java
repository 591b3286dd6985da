package org.fieldmark.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.testing.Results;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.region.Region;
import org.junit.jupiter.api.Test;

/**
 * The API's JSON of an identification result, byte for byte as the routes and the webhook send it
 * (compact, keys in a fixed order): the shape docs/openapi.yaml describes and webhook receivers
 * verify signatures over.
 */
class ResultJsonTest {

    private static final String PURPLE_MARTIN = "\"catalog\":\"workshop-4\",\"message\":\"Bird [birds/a.jpg] is a: "
            + "Purple Martin(0.90)\",\"confident\":true,\"birdRecognised\":true,\"predictions\":[{\"rank\":1,"
            + "\"classIndex\":0,\"label\":\"Purple Martin\",\"scientificName\":null,\"bird\":true,\"probability\":0.9},"
            + "{\"rank\":2,\"classIndex\":1,\"label\":\"Northern Cardinal\",\"scientificName\":null,\"bird\":true,"
            + "\"probability\":0.05}],\"version\":\"etag-1\",\"contentType\":\"image/jpeg\",\"contentLength\":1234,"
            + "\"modelId\":\"test-model\",\"timings\":{\"fetch\":1.0,\"inference\":2.0,\"total\":3.5},";

    private final IdentificationResult martin = Results.workshop("feeder", "birds/a.jpg", 0.9, 0.05, 0.03, 0.02);

    private static String json(Map<String, Object> map) {
        return new JsonObject(map).encode();
    }

    @Test
    void anUnlocatedResultWithoutABirdLogEntry() {
        assertThat(json(ResultJson.of(martin))).isEqualTo("{\"bucket\":\"feeder\",\"key\":\"birds/a.jpg\","
                + PURPLE_MARTIN + "\"locator\":\"whole\",\"windows\":0,\"region\":null}");
    }

    @Test
    void aLocatedResultWithItsBirdLogEntry() {
        IdentificationResult logged = Results.located(Results.withSighting(martin, false, "cooling down"));

        assertThat(json(ResultJson.of(logged))).isEqualTo("{\"bucket\":\"feeder\",\"key\":\"birds/a.jpg\","
                + PURPLE_MARTIN + "\"locator\":\"search\",\"windows\":12,\"region\":{\"x\":512,\"y\":288,"
                + "\"width\":256,\"height\":170,\"imageWidth\":1280,\"imageHeight\":720,\"left\":0.4,\"top\":0.4,"
                + "\"relativeWidth\":0.2,\"relativeHeight\":0.2361111111111111,\"wholeFrame\":false},"
                + "\"sighting\":{\"id\":\"sighting-1\",\"source\":\"feeder\",\"notified\":false,"
                + "\"reason\":\"cooling down\"}}");
    }

    @Test
    void aWholeFrameOfAKnownSizeIsARegionTooAndAnEmptyBucketStaysEmpty() {
        IdentificationResult whole = Results.workshop("", "birds/a.jpg", 0.9, 0.05, 0.03, 0.02)
                .withLocated(new IdentificationResult.Located("whole", Region.wholeFrame(640, 480), 0));

        assertThat(json(ResultJson.of(whole))).startsWith("{\"bucket\":\"\",\"key\":\"birds/a.jpg\",")
                .endsWith("\"locator\":\"whole\",\"windows\":0,\"region\":{\"x\":0,\"y\":0,\"width\":640,"
                        + "\"height\":480,\"imageWidth\":640,\"imageHeight\":480,\"left\":0.0,\"top\":0.0,"
                        + "\"relativeWidth\":1.0,\"relativeHeight\":1.0,\"wholeFrame\":true}}");
    }

    @Test
    void anIdentificationNamesItsPredictionsWithTheirScientificNamesWhenTheCatalogHasThem() {
        SpeciesCatalog catalog = SpeciesCatalog.fromLines("garden",
                List.of("Cardinalis cardinalis (Northern Cardinal)", "background", "Eastern Bluebird"));
        Identification unsure = IdentificationRules.DEFAULT.identify("birds/x.jpg", new double[] {0.5, 0.2, 0.3},
                catalog);

        assertThat(json(ResultJson.identification(unsure))).isEqualTo("{\"key\":\"birds/x.jpg\",\"catalog\":\"garden\","
                + "\"message\":\"Bird [birds/x.jpg] may be a: Northern Cardinal(0.50), or Eastern Bluebird(0.30)\","
                + "\"confident\":false,\"birdRecognised\":true,\"predictions\":[{\"rank\":1,\"classIndex\":0,"
                + "\"label\":\"Northern Cardinal\",\"scientificName\":\"Cardinalis cardinalis\",\"bird\":true,"
                + "\"probability\":0.5},{\"rank\":2,\"classIndex\":2,\"label\":\"Eastern Bluebird\","
                + "\"scientificName\":null,\"bird\":true,\"probability\":0.3}]}");
    }

    @Test
    void aNoBirdIdentificationSaysSo() {
        SpeciesCatalog catalog = SpeciesCatalog.fromLines("garden", List.of("Northern Cardinal", "background"));
        Identification empty = IdentificationRules.DEFAULT.identify("k", new double[] {0.1, 0.9}, catalog);

        assertThat(ResultJson.identification(empty)).containsEntry("birdRecognised", false)
                .containsEntry("confident", true).containsEntry("message", "No bird recognised in [k]");
    }

    @Test
    void eachCallGivesAFreshMapTheWebhookMayAddItsImageLinkTo() {
        Map<String, Object> first = ResultJson.of(martin);
        first.put("imageUrl", "https://example.org/a.jpg");

        assertThat(ResultJson.of(martin)).doesNotContainKey("imageUrl");
    }
}
