package org.fieldmark.configuration;

import static org.fieldmark.configuration.IdentifyOptions.BIRD_CLASSES;
import static org.fieldmark.configuration.IdentifyOptions.DETECTOR_LAYOUT;
import static org.fieldmark.configuration.IdentifyOptions.DETECTOR_MODEL;
import static org.fieldmark.configuration.IdentifyOptions.EARLY_EXIT;
import static org.fieldmark.configuration.IdentifyOptions.INFERENCE;
import static org.fieldmark.configuration.IdentifyOptions.LOCATOR;
import static org.fieldmark.configuration.IdentifyOptions.MARGIN;
import static org.fieldmark.configuration.IdentifyOptions.MAX_WINDOWS;
import static org.fieldmark.configuration.IdentifyOptions.MIN_SCORE;
import static org.fieldmark.configuration.IdentifyOptions.NMS_IOU;
import static org.fieldmark.configuration.IdentifyOptions.SCALES;

import java.util.ArrayList;
import java.util.List;

/** Reads the locate stage's options, the same for both runtimes; only the wording of problems differs. */
public final class LocatorBinder {

    private static final double DEFAULT_SCALE = 0.6;

    private LocatorBinder() {
    }

    /**
     * The locate stage; {@code auto} is the search with the embedded model and the whole frame with a
     * remote one, where every window would be a paid call.
     */
    public static LocatorSettings bind(Values values, boolean embedded) {
        LocatorSettings.Mode mode = mode(values, embedded);
        List<Double> scales = scales(values);
        int maxWindows = values.integer(MAX_WINDOWS);
        double earlyExit = values.decimal(EARLY_EXIT);
        double minScore = values.decimal(MIN_SCORE);
        List<Integer> birdClasses = birdClasses(values);
        String model = values.requiredWhen(DETECTOR_MODEL, mode == LocatorSettings.Mode.DETECTOR,
                values.label(LOCATOR) + "=detector", "the .onnx object detector's path");
        String layout = values.choice(DETECTOR_LAYOUT);
        int before = values.problems().count();
        double nmsIou = values.decimal(NMS_IOU);
        if (nmsIou == 0.0 && values.problems().count() == before) {
            values.invalid(NMS_IOU, values.optional(NMS_IOU),
                    "must be above 0 (0.5 is usual; 1 keeps every box), got " + values.optional(NMS_IOU));
        }
        double margin = values.decimal(MARGIN);
        return new LocatorSettings(mode, scales, maxWindows, earlyExit,
                new LocatorSettings.Detector(model, layout, birdClasses, minScore, nmsIou, margin));
    }

    private static LocatorSettings.Mode mode(Values values, boolean embedded) {
        LocatorSettings.Mode auto = embedded ? LocatorSettings.Mode.SEARCH : LocatorSettings.Mode.WHOLE;
        String text = values.optional(LOCATOR);
        LocatorSettings.Mode mode = text == null || text.equalsIgnoreCase("auto") ? auto
                : values.choice(LOCATOR, LocatorSettings.Mode.class, auto);
        if (mode == LocatorSettings.Mode.SEARCH && !embedded) {
            boolean lambda = values.runtime() == Runtimes.LAMBDA;
            String locator = values.label(LOCATOR);
            String inference = values.label(INFERENCE);
            values.problems().add(locator + "=search needs " + inference + "=embedded: the search scores its windows "
                    + "with the embedded model (with " + (lambda ? "SageMaker" : "a remote model") + " every window "
                    + "would be a paid call); set " + locator + "=whole or " + inference + "=embedded");
        }
        return mode;
    }

    /** The server names each bad item; the Lambda names the whole value once. */
    private static List<Double> scales(Values values) {
        List<Double> scales = new ArrayList<>();
        int before = values.problems().count();
        for (String item : values.list(SCALES)) {
            String problem = null;
            try {
                double scale = Double.parseDouble(item);
                scales.add(scale);
                if (!(scale >= SCALES.min() && scale <= SCALES.max())) {
                    problem = "are fractions of the photo's shorter side between 0.1 and 1, got " + item;
                }
            } catch (NumberFormatException e) {
                problem = "must be comma-separated numbers such as 0.6,0.35, got '" + item + "'";
            }
            if (problem != null && !itemProblem(values, SCALES, problem)) {
                break;
            }
        }
        if (scales.isEmpty() && (values.runtime() == Runtimes.SERVER || values.problems().count() == before)) {
            values.invalid(SCALES, "", "must list at least one window size, e.g. 0.6");
        }
        if (scales.isEmpty()) {
            scales.add(DEFAULT_SCALE);
        }
        return scales;
    }

    private static List<Integer> birdClasses(Values values) {
        List<Integer> classes = new ArrayList<>();
        for (String item : values.list(BIRD_CLASSES)) {
            try {
                classes.add(Integer.parseInt(item));
            } catch (NumberFormatException e) {
                if (!itemProblem(values, BIRD_CLASSES, "must be comma-separated class ids such as 14, got '" + item
                        + "'")) {
                    break;
                }
            }
        }
        return classes;
    }

    /** Notes a bad item of a list; {@code false} when the rest need not be read (the Lambda said it all). */
    private static boolean itemProblem(Values values, Setting setting, String serverSentence) {
        values.invalid(setting, values.optional(setting), serverSentence);
        return values.runtime() == Runtimes.SERVER;
    }
}
