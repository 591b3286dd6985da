package org.fieldmark.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * The inputs every domain benchmark works on: catalogs of a given size and model outputs that
 * look like what a softmax classifier returns, generated from a fixed seed so that runs compare.
 */
final class Workloads {

    /** Seed of every generated vector; change it and the figures are no longer comparable. */
    static final long SEED = 0x5EED_B1EDL;

    private Workloads() {
    }

    /** The built-in workshop catalog for 4 classes, otherwise {@code "Genus speciesN (Bird N)"} labels. */
    static SpeciesCatalog catalog(int classes) {
        if (classes == SpeciesCatalog.WORKSHOP_4.size()) {
            return SpeciesCatalog.WORKSHOP_4;
        }
        List<String> labels = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            labels.add(String.format("Genus species%d (Bird %d)", i, i));
        }
        return SpeciesCatalog.fromLines("generated-" + classes, labels);
    }

    /** How sure the generated model is of its answer. */
    enum Outcome {
        /** One class at about 0.92: the message names one species. */
        CONFIDENT(0.92),
        /** Two classes at about 0.46 and 0.31: the message lists the top K. */
        UNCERTAIN(0.46, 0.31);

        private final double[] peaks;

        Outcome(double... peaks) {
            this.peaks = peaks;
        }
    }

    /**
     * A probability vector as a softmax model returns it: the peak classes (at random indices)
     * hold the outcome's probabilities and the rest share what is left, spread by the softmax
     * of Gaussian logits, each value rounded to float as a float32 model would give it.
     */
    static double[] probabilities(int classes, Outcome outcome, Random random) {
        double[] p = new double[classes];
        double[] peaks = outcome.peaks;
        int peakCount = Math.min(peaks.length, classes);
        boolean[] isPeak = new boolean[classes];
        double peakMass = 0;
        for (int j = 0; j < peakCount; j++) {
            int index;
            do {
                index = random.nextInt(classes);
            } while (isPeak[index]);
            isPeak[index] = true;
            p[index] = peaks[j];
            peakMass += peaks[j];
        }
        double sum = 0;
        double[] weight = new double[classes];
        for (int i = 0; i < classes; i++) {
            if (!isPeak[i]) {
                weight[i] = Math.exp(random.nextGaussian());
                sum += weight[i];
            }
        }
        for (int i = 0; i < classes; i++) {
            if (!isPeak[i]) {
                p[i] = weight[i] / sum * (1.0 - peakMass);
            }
            p[i] = (float) p[i];
        }
        return p;
    }

    /**
     * The vector's numbers as text: the double's shortest text (what Python writes for a float32
     * widened to a float), or with {@code asFloat} the float's shortest text.
     */
    static String[] numbers(double[] probabilities, boolean asFloat) {
        String[] text = new String[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            text[i] = asFloat ? Float.toString((float) probabilities[i]) : Double.toString(probabilities[i]);
        }
        return text;
    }
}
