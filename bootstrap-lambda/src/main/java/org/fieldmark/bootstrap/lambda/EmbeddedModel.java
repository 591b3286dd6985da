package org.fieldmark.bootstrap.lambda;

import java.nio.file.Path;
import org.fieldmark.adapter.local.detect.DetectorLocatorAdapter;
import org.fieldmark.adapter.local.detect.DetectorSettings;
import org.fieldmark.adapter.local.locate.WholeFrameLocatorAdapter;
import org.fieldmark.adapter.local.onnx.BundledBirdModel;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.adapter.local.onnx.SearchLocatorAdapter;
import org.fieldmark.adapter.local.onnx.WindowSearchSettings;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.configuration.LocatorSettings;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * The only class of the function that touches adapter-local (the bundled bird model and ONNX
 * Runtime). Those are packed only into {@code fieldmark-lambda-embedded.jar}; the default
 * {@code fieldmark-lambda.jar} leaves them out, so this class is loaded only after
 * {@link #isPackaged(ClassLoader)} said they are there, i.e. when {@code INFERENCE=embedded}
 * (or {@code LABELS=inat-birds}) is configured.
 */
final class EmbeddedModel {

    /** The artifact that has the model, named in configuration errors. */
    static final String ARTIFACT = "fieldmark-lambda-embedded.jar";

    /** The bundled model's catalog name, known without loading adapter-local. */
    static final String CATALOG_NAME = "inat-birds";

    // By name, so that asking does not load (and fail on) the classes themselves.
    private static final String[] NEEDED = {
        "org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter",
        "ai.onnxruntime.OrtEnvironment",
    };

    private EmbeddedModel() {
    }

    /** {@code true} when the model's classes (adapter-local and ONNX Runtime) can be loaded by {@code loader}. */
    static boolean isPackaged(ClassLoader loader) {
        for (String name : NEEDED) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }

    /** The bundled model's classes, catalog {@value #CATALOG_NAME}. */
    static SpeciesCatalog catalog() {
        SpeciesCatalog catalog = BundledBirdModel.catalog();
        if (!CATALOG_NAME.equals(catalog.name())) {
            throw new IllegalStateException("the bundled catalog is '" + catalog.name() + "', not " + CATALOG_NAME);
        }
        return catalog;
    }

    /** Loads and warms up the bundled model: once, at init. */
    static InferencePort open(int threads) {
        return EmbeddedOnnxInferenceAdapter.bundled(threads);
    }

    /**
     * The locator {@code LOCATOR} chooses, in this jar: the search over {@code model} (the bundled model
     * {@link #open} made), the whole frame with its size read from the header, or the ONNX object
     * detector {@code LOCATOR_DETECTOR_MODEL}.
     */
    static BirdLocatorPort locator(LocatorSettings config, InferencePort model) {
        return switch (config.mode()) {
            case WHOLE -> new WholeFrameLocatorAdapter();
            case SEARCH -> new SearchLocatorAdapter((EmbeddedOnnxInferenceAdapter) model, catalog(),
                    new WindowSearchSettings(config.scales(), config.maxWindows(), config.earlyExit()));
            // Lives as long as the container: Lambda gives a function no shutdown to close it in.
            case DETECTOR -> new DetectorLocatorAdapter(DetectorSettings.configured(Path.of(config.detector().model()),
                    config.detector().layout(), config.detector().birdClasses(), config.detector().minScore(),
                    config.detector().nmsIou(), config.detector().margin()));
        };
    }
}
