package org.fieldmark.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.application.testing.Results;
import org.fieldmark.domain.region.Region;
import org.fieldmark.wire.json.JsonText;
import org.junit.jupiter.api.Test;

/** An identification about a located bird says where the bird is, in one shape everywhere. */
class IdentificationResultRegionTest {

    @Test
    void aResultAboutARegionCarriesItsBoxInTheSharedShape() {
        IdentificationResult result = Results.located(Results.workshop("", "birds/a.jpg", 0.9, 0.05, 0.03, 0.02));

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("x", 512);
        expected.put("y", 288);
        expected.put("width", 256);
        expected.put("height", 170);
        expected.put("imageWidth", 1280);
        expected.put("imageHeight", 720);
        expected.put("left", 0.4);
        expected.put("top", 0.4);
        expected.put("relativeWidth", 0.2);
        expected.put("relativeHeight", 170.0 / 720);
        expected.put("wholeFrame", false);
        assertThat(result.toMap()).containsEntry("region", expected);
        assertThat(JsonText.of(result.toMap())).contains("\"region\":{\"x\":512,\"y\":288,\"width\":256,"
                + "\"height\":170,\"imageWidth\":1280,\"imageHeight\":720,\"left\":0.4,\"top\":0.4,"
                + "\"relativeWidth\":0.2,\"relativeHeight\":0.2361111111111111,\"wholeFrame\":false}");
    }

    @Test
    void aResultWithoutARegionSaysSoAndKeepsItThroughTheOtherWithers() {
        IdentificationResult plain = Results.workshop("", "birds/a.jpg", 0.9, 0.05, 0.03, 0.02);
        assertThat(plain.toMap()).containsEntry("region", null);

        IdentificationResult whole = plain.withLocated(
                new IdentificationResult.Located("whole", Region.wholeFrame(640, 480), 0));
        assertThat(whole.withTotalMillis(5).withSighting(null).located().region())
                .isEqualTo(Region.wholeFrame(640, 480));
        assertThat(whole.toMap().get("region")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("wholeFrame", true).containsEntry("left", 0.0).containsEntry("relativeWidth", 1.0);
    }
}
