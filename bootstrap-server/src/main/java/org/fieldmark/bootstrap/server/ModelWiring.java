package org.fieldmark.bootstrap.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.fieldmark.adapter.http.out.inference.HttpInferenceAdapter;
import org.fieldmark.adapter.http.out.inference.HttpInferenceSettings;
import org.fieldmark.adapter.local.detect.DetectorLocatorAdapter;
import org.fieldmark.adapter.local.detect.DetectorSettings;
import org.fieldmark.adapter.local.locate.WholeFrameLocatorAdapter;
import org.fieldmark.adapter.local.onnx.BundledBirdModel;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.adapter.local.onnx.SearchLocatorAdapter;
import org.fieldmark.adapter.local.onnx.WindowSearchSettings;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.configuration.LabelsFile;
import org.fieldmark.configuration.LocatorSettings;
import org.fieldmark.configuration.ServerConfig;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * The model side of the server's wiring: the species list, the model that classifies (embedded
 * ONNX, an HTTP model server or SageMaker) and the stage that finds the bird in the frame.
 */
final class ModelWiring {

    private ModelWiring() {
    }

    /** The species list {@code identification.labels} names; {@code null} (and a problem) when it cannot be read. */
    static SpeciesCatalog catalog(String labels, List<String> problems) {
        if (labels.equals("inat-birds")) {
            return BundledBirdModel.catalog();
        }
        var builtIn = SpeciesCatalog.builtIn(labels);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        try {
            return LabelsFile.read(Path.of(labels));
        } catch (IllegalArgumentException e) {
            problems.add("identification.labels '" + labels + "' is neither workshop-4, inat-birds nor a readable "
                    + "labels file: " + e.getMessage());
            return null;
        }
    }

    /** The model the configuration names, whether it is ready, and the embedded one when it is that. */
    record Model(InferencePort port, EmbeddedOnnxInferenceAdapter embedded, BooleanSupplier readiness) {
    }

    static Model model(ServerConfig.Inference inferenceConfig, AwsWiring aws, List<AutoCloseable> resources) {
        switch (inferenceConfig.kind()) {
            case EMBEDDED -> {
                EmbeddedOnnxInferenceAdapter embedded = inferenceConfig.embeddedModel().equals("bundled")
                        ? EmbeddedOnnxInferenceAdapter.bundled(inferenceConfig.embeddedThreads())
                        : new EmbeddedOnnxInferenceAdapter(Path.of(inferenceConfig.embeddedModel()),
                                String.valueOf(Path.of(inferenceConfig.embeddedModel()).getFileName()),
                                inferenceConfig.embeddedThreads());
                return new Model(ServerWiring.closing(resources, embedded), embedded, () -> true);
            }
            case HTTP -> {
                URI base = ChannelWiring.uri("http-model.url", inferenceConfig.httpUrl());
                HttpInferenceSettings defaults = inferenceConfig.httpProtocol().equals("kserve")
                        ? HttpInferenceSettings.kserveV2(base, inferenceConfig.httpModel())
                        : HttpInferenceSettings.sageMaker(base);
                HttpInferenceAdapter http = new HttpInferenceAdapter(new HttpInferenceSettings(defaults.baseUrl(),
                        defaults.protocol(), defaults.modelName(), defaults.inputName(), defaults.outputName(),
                        defaults.connectTimeout(), inferenceConfig.timeout(), defaults.maxAttempts(),
                        defaults.initialBackoff(), defaults.maxBackoff(), defaults.maxRetryAfter()));
                return new Model(http, null, http::ready);
            }
            case SAGEMAKER -> {
                return new Model(aws.inference(inferenceConfig.sagemakerEndpoint(),
                        inferenceConfig.sagemakerContentType(), inferenceConfig.timeout()), null, () -> true);
            }
            default -> throw new IllegalStateException("unknown inference " + inferenceConfig.kind());
        }
    }

    /**
     * The locate stage the configuration asks for; the loader has refused search without the embedded
     * model. A detector is {@link AutoCloseable}: its ONNX session is the caller's to close.
     */
    static BirdLocatorPort locator(LocatorSettings config, EmbeddedOnnxInferenceAdapter embedded,
                                   SpeciesCatalog catalog) {
        return switch (config.mode()) {
            case WHOLE -> new WholeFrameLocatorAdapter();
            case SEARCH -> {
                if (embedded == null) {
                    throw new ConfigurationInvalidException(List.of("locator.mode=search needs inference=embedded"));
                }
                yield new SearchLocatorAdapter(embedded, catalog,
                        new WindowSearchSettings(config.scales(), config.maxWindows(), config.earlyExit()));
            }
            case DETECTOR -> {
                LocatorSettings.Detector detector = config.detector();
                yield new DetectorLocatorAdapter(DetectorSettings.configured(Path.of(detector.model()),
                        detector.layout(), detector.birdClasses(), detector.minScore(), detector.nmsIou(),
                        detector.margin()));
            }
        };
    }
}
