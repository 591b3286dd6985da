package org.fieldmark.application.testing;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;

/**
 * A model whose answers the test decides: a function of the image, so different photos can get
 * different vectors. Records every image it was asked about.
 */
public final class ScriptedInference implements InferencePort {

    private final String modelId;
    private final Function<ImageBytes, double[]> answers;
    private final List<ImageBytes> seen = new CopyOnWriteArrayList<>();

    public ScriptedInference(String modelId, Function<ImageBytes, double[]> answers) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    /** Always answers {@code probabilities}. */
    public static ScriptedInference always(double... probabilities) {
        return new ScriptedInference("scripted-model", image -> probabilities.clone());
    }

    /** The images the model was asked about, in order. */
    public List<ImageBytes> seen() {
        return List.copyOf(seen);
    }

    @Override
    public ModelOutput infer(ImageBytes image) {
        seen.add(image);
        return new ModelOutput(answers.apply(image), modelId);
    }
}
