package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldmark.adapter.local.locate.WholeFrameLocatorAdapter;
import org.fieldmark.adapter.local.onnx.SearchLocatorAdapter;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.configuration.LocatorSettings;
import org.junit.jupiter.api.Test;

/** LOCATOR and its settings: search in the function with the embedded model, the whole frame with SageMaker. */
class LambdaLocatorConfigTest {

    private static final Map<String, String> SAGEMAKER = Map.of("SAGEMAKER_ENDPOINT_NAME", "birds", "NOTIFY", "log");
    private static final Map<String, String> EMBEDDED = Map.of("INFERENCE", "embedded", "NOTIFY", "log");

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void searchesWithTheEmbeddedModelAndKeepsTheWholeFrameWithSageMaker() {
        assertThat(LambdaEnvironment.read(EMBEDDED).locator()).isEqualTo(new LocatorSettings(
                LocatorSettings.Mode.SEARCH, List.of(0.6), 16, 0.70,
                new LocatorSettings.Detector(null, "ssd", List.of(), 0.5, 0.5, 0.10)));
        assertThat(LambdaEnvironment.read(SAGEMAKER).locator().mode()).isEqualTo(LocatorSettings.Mode.WHOLE);
    }

    @Test
    void readsTheSearchsSettings() {
        LocatorSettings locator = LambdaEnvironment.read(with(EMBEDDED, "LOCATOR", "Search",
                "LOCATOR_SCALES", "0.7, 0.4", "LOCATOR_MAX_WINDOWS", "24", "LOCATOR_EARLY_EXIT", "0.9")).locator();

        assertThat(locator.scales()).containsExactly(0.7, 0.4);
        assertThat(locator.maxWindows()).isEqualTo(24);
        assertThat(locator.earlyExit()).isEqualTo(0.9);
    }

    @Test
    void listsEveryLocatorProblemAtOnce() {
        assertThatThrownBy(() -> LambdaEnvironment.read(with(SAGEMAKER, "LOCATOR", "search", "LOCATOR_SCALES", "0.6,2",
                "LOCATOR_MAX_WINDOWS", "1.5", "LOCATOR_EARLY_EXIT", "yes")))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "LOCATOR=search needs INFERENCE=embedded: the search scores its windows with the "
                                        + "embedded model (with SageMaker every window would be a paid call); set "
                                        + "LOCATOR=whole or INFERENCE=embedded",
                                "LOCATOR_SCALES is '0.6,2'; set it to comma-separated fractions of the photo's "
                                        + "shorter side between 0.1 and 1, e.g. 0.6,0.35",
                                "LOCATOR_MAX_WINDOWS is '1.5'; set it to a whole number of windows from 1 to 256",
                                "LOCATOR_EARLY_EXIT is 'yes'; set it to a probability from 0 to 1"));
        assertThatThrownBy(() -> LambdaEnvironment.read(with(SAGEMAKER, "LOCATOR", "yolo")))
                .hasMessageContaining("LOCATOR is 'yolo'; set it to search, whole or detector");
    }

    @Test
    void aDetectorNeedsItsModelAndReadsItsSettings() {
        assertThatThrownBy(() -> LambdaEnvironment.read(with(EMBEDDED, "LOCATOR", "detector",
                "LOCATOR_DETECTOR_LAYOUT", "rcnn", "LOCATOR_DETECTOR_NMS_IOU", "0", "LOCATOR_DETECTOR_MARGIN", "2")))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("LOCATOR_DETECTOR_MODEL is not set"))
                        .contains("LOCATOR_DETECTOR_LAYOUT is 'rcnn'; set it to ssd (TF Object Detection API "
                                        + "outputs) or yolo (YOLOv8 head)",
                                "LOCATOR_DETECTOR_NMS_IOU is '0'; set it to an overlap above 0 and at most 1 "
                                        + "(0.5 is usual)",
                                "LOCATOR_DETECTOR_MARGIN is '2'; set it to a fraction of the box from 0 to 1"));
        LambdaConfiguration config = LambdaEnvironment.read(with(EMBEDDED, "LOCATOR", "detector",
                "LOCATOR_DETECTOR_MODEL", "/var/task/det.onnx", "LOCATOR_DETECTOR_BIRD_CLASSES", "14",
                "LOCATOR_DETECTOR_MIN_SCORE", "0.4", "LOCATOR_DETECTOR_LAYOUT", "yolo", "LOCATOR_DETECTOR_NMS_IOU",
                "0.45", "LOCATOR_DETECTOR_MARGIN", "0.2"));
        assertThat(config.locator()).isEqualTo(new LocatorSettings(LocatorSettings.Mode.DETECTOR,
                List.of(0.6), 16, 0.70, new LocatorSettings.Detector("/var/task/det.onnx", "yolo", List.of(14),
                0.4, 0.45, 0.2)));
        assertThatThrownBy(() -> LambdaWiring.locator(config, null))
                .isInstanceOf(ConfigurationInvalidException.class)
                .hasMessageContaining("det.onnx does not exist");
    }

    @Test
    void wiresTheSearchOverTheBundledModelAndTheWholeFrameWithItsSize() {
        LambdaConfiguration embedded = LambdaEnvironment.read(EMBEDDED);
        assertThat(LambdaWiring.locator(embedded, EmbeddedModel.open(1))).isInstanceOf(SearchLocatorAdapter.class);
        assertThat(LambdaWiring.locator(LambdaEnvironment.read(SAGEMAKER), null))
                .isInstanceOf(WholeFrameLocatorAdapter.class);
    }
}
