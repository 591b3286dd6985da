package org.fieldmark.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InferencePort} must do for a good image. Adapters extend this with their
 * real model (a loopback model server, the embedded model) and inherit every test; the ways
 * each adapter fails are tested in the adapter's own bad-input table.
 */
public abstract class InferencePortContract {

    protected abstract InferencePort inference();

    /** An image the model can read. */
    protected abstract ImageBytes sampleImage();

    /** How many classes the model answers with. */
    protected abstract int classCount();

    @Test
    void answersOneProbabilityPerClass() {
        ModelOutput output = inference().infer(sampleImage());

        assertThat(output.probabilities()).hasSize(classCount());
        for (double p : output.probabilities()) {
            assertThat(p).isFinite().isBetween(0.0, 1.0 + 1e-6);
        }
    }

    @Test
    void namesTheModelThatAnswered() {
        assertThat(inference().infer(sampleImage()).modelId()).isNotBlank();
    }

    @Test
    void answersTheSameImageTheSameWay() {
        InferencePort model = inference();

        assertThat(model.infer(sampleImage()).probabilities())
                .containsExactly(model.infer(sampleImage()).probabilities());
    }

    @Test
    void answersConcurrentCallersConsistently() throws Exception {
        InferencePort model = inference();
        double[] expected = model.infer(sampleImage()).probabilities();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ModelOutput>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> model.infer(sampleImage())));
            }
            for (Future<ModelOutput> answer : answers) {
                assertThat(answer.get().probabilities()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
