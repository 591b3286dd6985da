package org.fieldmark.bootstrap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.fieldmark.adapter.local.locate.WholeFrameLocatorAdapter;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.configuration.LocatorSettings;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.SpeciesCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The locate stage's options: search with the embedded model, the whole frame with a paid one. */
class LocatorConfigTest {

    private static ServerConfig load(String... args) {
        return new ServerConfigLoader(Map.of(), path -> {
            throw new IllegalArgumentException("no files");
        }).load(args);
    }

    @Test
    void searchesWithTheEmbeddedModelByDefault() {
        LocatorSettings locator = load().locator();

        assertThat(locator).isEqualTo(new LocatorSettings(LocatorSettings.Mode.SEARCH, List.of(0.6), 16, 0.70,
                new LocatorSettings.Detector(null, "ssd", List.of(), 0.5, 0.5, 0.10)));
    }

    @ParameterizedTest(name = "inference={0}")
    @CsvSource({"sagemaker, --sagemaker.endpoint=birds", "http, --http-model.url=http://127.0.0.1:8081"})
    void keepsTheWholeFrameWithARemoteModelUnlessToldOtherwise(String inference, String setting) {
        assertThat(load("--inference=" + inference, setting).locator().mode()).isEqualTo(LocatorSettings.Mode.WHOLE);
    }

    @Test
    void readsTheSearchsScalesBudgetAndEarlyExit() {
        LocatorSettings locator = load("--locator.mode=search", "--locator.scales=0.7, 0.4",
                "--locator.max-windows=24", "--locator.early-exit=0.9").locator();

        assertThat(locator.scales()).containsExactly(0.7, 0.4);
        assertThat(locator.maxWindows()).isEqualTo(24);
        assertThat(locator.earlyExit()).isEqualTo(0.9);
    }

    @Test
    void listsEveryLocatorProblemAtOnce() {
        assertThatThrownBy(() -> load("--inference=sagemaker", "--sagemaker.endpoint=birds", "--locator.mode=search",
                "--locator.scales=0.6,big,2", "--locator.max-windows=0", "--locator.early-exit=1.5"))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "locator.mode=search needs inference=embedded: the search scores its windows with "
                                        + "the embedded model (with a remote model every window would be a paid "
                                        + "call); set locator.mode=whole or inference=embedded",
                                "locator.scales must be comma-separated numbers such as 0.6,0.35, got 'big'",
                                "locator.scales are fractions of the photo's shorter side between 0.1 and 1, got 2",
                                "locator.max-windows must be between 1 and 256, got 0",
                                "locator.early-exit must be between 0.0 and 1.0, got 1.5"));
    }

    @Test
    void aDetectorNeedsItsModelAndListsEveryProblemOfItsSettings() {
        assertThatThrownBy(() -> load("--locator.mode=detector", "--locator.detector.bird-classes=14,x",
                "--locator.detector.layout=rcnn", "--locator.detector.nms-iou=0", "--locator.detector.margin=2"))
                .isInstanceOfSatisfying(ConfigurationInvalidException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "locator.detector.bird-classes must be comma-separated class ids such as 14, got 'x'",
                                "locator.detector.model is not set but locator.mode=detector needs it; set it (env "
                                        + "FIELDMARK_LOCATOR_DETECTOR_MODEL or --locator.detector.model=...) to the "
                                        + ".onnx object detector's path",
                                "locator.detector.layout must be one of ssd, yolo, got 'rcnn'",
                                "locator.detector.nms-iou must be above 0 (0.5 is usual; 1 keeps every box), got 0",
                                "locator.detector.margin must be between 0.0 and 1.0, got 2"));
        LocatorSettings detector = load("--locator.mode=detector", "--locator.detector.model=/m/det.onnx",
                "--locator.detector.layout=YOLO", "--locator.detector.bird-classes=14",
                "--locator.detector.min-score=0.3", "--locator.detector.nms-iou=0.4",
                "--locator.detector.margin=0.2").locator();
        assertThat(detector).isEqualTo(new LocatorSettings(LocatorSettings.Mode.DETECTOR, List.of(0.6), 16,
                0.70, new LocatorSettings.Detector("/m/det.onnx", "yolo", List.of(14), 0.3, 0.4, 0.2)));
    }

    @Test
    void wiresTheWholeFrameAndRefusesADetectorFileThatIsNotThere() {
        assertThat(ModelWiring.locator(load("--locator.mode=whole").locator(), null, SpeciesCatalog.WORKSHOP_4))
                .isInstanceOf(WholeFrameLocatorAdapter.class);
        LocatorSettings detector = load("--locator.mode=detector",
                "--locator.detector.model=/nowhere/det.onnx").locator();
        assertThatThrownBy(() -> ModelWiring.locator(detector, null, SpeciesCatalog.WORKSHOP_4))
                .isInstanceOf(ConfigurationInvalidException.class)
                .hasMessageContaining("det.onnx");
    }
}
