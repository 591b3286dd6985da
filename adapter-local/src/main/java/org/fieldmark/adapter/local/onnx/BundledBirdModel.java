package org.fieldmark.adapter.local.onnx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * The iNaturalist bird classifier shipped inside this jar (MobileNetV2, 964 bird species plus
 * {@code background}; Apache-2.0, see the README, LICENSE and NOTICE next to it): the ONNX model
 * and its catalog {@code inat-birds}. Works offline: nothing is downloaded.
 */
public final class BundledBirdModel {

    /** The model's id in logs, results and APIs. */
    public static final String MODEL_ID = "inat-bird-mobilenet-v2";

    /** The catalog's name. */
    public static final String CATALOG_NAME = "inat-birds";

    static final String MODEL_RESOURCE = "inat_bird_mobilenet_v2.onnx";
    static final String LABELS_RESOURCE = "inat_bird_labels.txt";

    private static volatile SpeciesCatalog catalog;

    private BundledBirdModel() {
    }

    /**
     * The bundled labels as catalog {@code inat-birds}: 965 classes, {@code Scientific (Common)}
     * per line; {@code background} (class 964) is "not a bird", marked by its label.
     */
    public static SpeciesCatalog catalog() {
        SpeciesCatalog loaded = catalog;
        if (loaded == null) {
            try (InputStream in = open(LABELS_RESOURCE);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                List<String> lines = reader.lines().toList();
                loaded = SpeciesCatalog.fromLines(CATALOG_NAME, lines);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled bird labels " + LABELS_RESOURCE, e);
            }
            catalog = loaded;
        }
        return loaded;
    }

    /** The ONNX model file's bytes (about 14 MB). */
    static byte[] modelBytes() {
        try (InputStream in = open(MODEL_RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled bird model " + MODEL_RESOURCE, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = BundledBirdModel.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the bundled resource " + resource + " is missing from the class path "
                    + "next to " + BundledBirdModel.class.getName() + "; rebuild adapter-local");
        }
        return in;
    }
}
