package org.fieldmark.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a model's probability vector into an {@link Identification}: ranks the classes, decides
 * whether the top one is confident, and writes the message.
 *
 * @param threshold certainty threshold in [0, 1]; confident only when the top probability is
 *                  strictly greater (the default 0.70 exactly is not confident)
 * @param topK      how many classes an uncertain message lists (at least 1; more than the catalog
 *                  has means all of them)
 * @param template  how the message reads
 */
public record IdentificationRules(double threshold, int topK, MessageTemplate template) {

    public static final double DEFAULT_THRESHOLD = 0.70;
    public static final int DEFAULT_TOP_K = 2;
    /** Rounding slack above 1.0 that models' softmax outputs are allowed. */
    public static final double ABOVE_ONE_SLACK = 1e-6;

    /** The original workshop Lambda's rules: threshold 0.70, top 2, its wording. */
    public static final IdentificationRules DEFAULT =
            new IdentificationRules(DEFAULT_THRESHOLD, DEFAULT_TOP_K, MessageTemplate.WORKSHOP);

    public IdentificationRules {
        Objects.requireNonNull(template, "template");
        List<String> problems = new ArrayList<>(2);
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            problems.add("certainty threshold must be between 0 and 1, got " + threshold);
        }
        if (topK < 1) {
            problems.add("top K must be at least 1, got " + topK);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** These rules with another threshold. */
    public IdentificationRules withThreshold(double newThreshold) {
        return new IdentificationRules(newThreshold, topK, template);
    }

    /** These rules with another K. */
    public IdentificationRules withTopK(int newTopK) {
        return new IdentificationRules(threshold, newTopK, template);
    }

    /**
     * Identifies the image {@code key} from the model's probabilities.
     *
     * @throws IllegalArgumentException when the key is blank
     * @throws ModelOutputException     when the vector is empty, has the wrong length for the
     *                                  catalog, or holds NaN, infinite, negative or above-1 values
     */
    public Identification identify(String key, double[] probabilities, SpeciesCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("image key must not be blank");
        }
        checkVector(probabilities, catalog);
        int[] top = TopK.select(probabilities, topK);
        List<RankedPrediction> ranked = new ArrayList<>(top.length);
        for (int i = 0; i < top.length; i++) {
            ranked.add(RankedPrediction.of(i + 1, catalog.species(top[i]), probabilities[top[i]]));
        }
        RankedPrediction first = ranked.get(0);
        boolean confident = first.probability() > threshold;
        String message;
        if (!first.bird()) {
            message = template.render(MessageTemplate.Kind.NO_BIRD, key, ranked);
        } else if (confident) {
            message = template.render(MessageTemplate.Kind.CONFIDENT, key, ranked.subList(0, 1));
        } else {
            message = template.render(MessageTemplate.Kind.UNCERTAIN, key, ranked);
        }
        return new Identification(key, catalog.name(), ranked, confident, message);
    }

    private static void checkVector(double[] p, SpeciesCatalog catalog) {
        if (p == null || p.length == 0) {
            throw new ModelOutputException("model returned no probabilities (empty vector); catalog '"
                    + catalog.name() + "' has " + catalog.size() + " classes");
        }
        if (p.length != catalog.size()) {
            throw new ModelOutputException("model returned " + p.length + " probabilities but catalog '"
                    + catalog.name() + "' has " + catalog.size() + " classes; check that the labels match the model");
        }
        for (int i = 0; i < p.length; i++) {
            double v = p[i];
            // One range test per class on the hot path; NaN fails it too and is named below.
            if (!(v >= 0.0 && v <= 1.0 + ABOVE_ONE_SLACK)) {
                throw notAProbability(v, i, catalog);
            }
        }
    }

    private static ModelOutputException notAProbability(double v, int i, SpeciesCatalog catalog) {
        if (Double.isNaN(v)) {
            return new ModelOutputException("model returned NaN for class " + i + describe(catalog, i));
        }
        if (Double.isInfinite(v)) {
            return new ModelOutputException("model returned an infinite value (" + v + ") for class " + i
                    + describe(catalog, i));
        }
        if (v < 0.0) {
            return new ModelOutputException("model returned a negative probability (" + v + ") for class " + i
                    + describe(catalog, i) + "; expected values in [0, 1]");
        }
        return new ModelOutputException("model returned a probability above 1 (" + v + ") for class " + i
                + describe(catalog, i) + "; expected values in [0, 1] (is it returning logits?)");
    }

    private static String describe(SpeciesCatalog catalog, int index) {
        return " (" + catalog.species(index).name() + ", catalog '" + catalog.name() + "')";
    }
}
