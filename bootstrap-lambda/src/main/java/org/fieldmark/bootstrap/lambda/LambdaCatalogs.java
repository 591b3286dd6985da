package org.fieldmark.bootstrap.lambda;

import static org.fieldmark.configuration.IdentifyOptions.LABELS;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.fieldmark.configuration.LabelsFile;
import org.fieldmark.configuration.Problems;
import org.fieldmark.configuration.Values;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * The species catalog {@code LABELS} names, checked against what this jar packs: the bundled model's
 * own catalog only comes with {@link EmbeddedModel#ARTIFACT}.
 */
final class LambdaCatalogs {

    private final Values values;
    private final Problems problems;
    private final ClassLoader loader;
    private Boolean embeddedPackaged;

    LambdaCatalogs(Values values, ClassLoader loader) {
        this.values = values;
        this.problems = values.problems();
        this.loader = loader;
    }

    /** {@code true} when this jar has the embedded model's classes (looked up once). */
    boolean embeddedPackaged() {
        if (embeddedPackaged == null) {
            embeddedPackaged = EmbeddedModel.isPackaged(loader);
        }
        return embeddedPackaged;
    }

    /** {@code LABELS}; unset (or {@code auto}) is the embedded model's own catalog with it, else workshop-4. */
    SpeciesCatalog catalog(LambdaConfiguration.Inference inference) {
        boolean embedded = inference == LambdaConfiguration.Inference.EMBEDDED;
        String value = values.optional(LABELS);
        if (value == null || value.equals("auto")) {
            // Without the model's classes INFERENCE already says which jar to deploy.
            return embedded && embeddedPackaged() ? EmbeddedModel.catalog() : SpeciesCatalog.WORKSHOP_4;
        }
        SpeciesCatalog catalog = named(value);
        if (embedded && embeddedPackaged() && catalog.size() != EmbeddedModel.catalog().size()) {
            problems.add("LABELS is '" + value + "', which has " + catalog.size() + " classes, but the embedded "
                    + "model has " + EmbeddedModel.catalog().size() + "; unset it (the model's own "
                    + EmbeddedModel.CATALOG_NAME + ") or give a labels file with one line per model class");
        }
        return catalog;
    }

    private SpeciesCatalog named(String value) {
        var builtIn = SpeciesCatalog.builtIn(value);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        if (value.equals(EmbeddedModel.CATALOG_NAME)) {
            if (embeddedPackaged()) {
                return EmbeddedModel.catalog();
            }
            problems.add("LABELS is '" + value + "', which only the " + EmbeddedModel.ARTIFACT + " artifact "
                    + "includes; deploy that jar, or set it to " + SpeciesCatalog.WORKSHOP_4_NAME + " or a labels file");
            return SpeciesCatalog.WORKSHOP_4;
        }
        try {
            Path file = Path.of(value);
            if (!Files.isRegularFile(file)) {
                problems.add("LABELS is '" + value + "', which is neither a built-in catalog ("
                        + SpeciesCatalog.WORKSHOP_4_NAME + " or " + EmbeddedModel.CATALOG_NAME
                        + ") nor a readable labels file; set it to one of those");
                return SpeciesCatalog.WORKSHOP_4;
            }
            return LabelsFile.read(file);
        } catch (InvalidPathException e) {
            problems.add("LABELS is '" + value + "', which is not a file path; set it to "
                    + SpeciesCatalog.WORKSHOP_4_NAME + ", " + EmbeddedModel.CATALOG_NAME + " or a labels file");
        } catch (IllegalArgumentException e) {
            problems.add("LABELS names a labels file that cannot be used: " + e.getMessage());
        }
        return SpeciesCatalog.WORKSHOP_4;
    }
}
