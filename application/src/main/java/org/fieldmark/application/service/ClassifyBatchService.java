package org.fieldmark.application.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InvalidModelOutputException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.ClassifiedBatch;
import org.fieldmark.application.port.in.ClassifyBatchCommand;
import org.fieldmark.application.port.in.ClassifyBatchUseCase;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * Checks each image as every photo is checked (size, declared type, JPEG/PNG/BMP signature), runs
 * the model on it through the {@link InferencePort} and projects the answer into the served
 * catalog. Images are classified one after the other on the calling thread; the first failure
 * ends the batch.
 */
public final class ClassifyBatchService implements ClassifyBatchUseCase {

    private final InferencePort inference;
    private final ServingSettings settings;

    public ClassifyBatchService(InferencePort inference, ServingSettings settings) {
        this.inference = Objects.requireNonNull(inference, "inference");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public SpeciesCatalog catalog() {
        return settings.projection().served();
    }

    @Override
    public int maxBatch() {
        return settings.maxBatch();
    }

    @Override
    public ClassifiedBatch classify(ClassifyBatchCommand command) {
        Objects.requireNonNull(command, "command");
        List<ImageBytes> images = command.images();
        if (images.size() > settings.maxBatch()) {
            throw new InvalidRequestException("the request holds " + images.size() + " images, above the limit of "
                    + settings.maxBatch() + " per request; send them in smaller batches");
        }
        List<double[]> vectors = new ArrayList<>(images.size());
        String modelId = null;
        for (int i = 0; i < images.size(); i++) {
            String name = images.size() == 1 ? "image" : "image " + (i + 1) + " of " + images.size();
            ImageChecks.check(name, images.get(i), settings.maxImageBytes());
            ModelOutput output = infer(name, images.get(i));
            modelId = output.modelId();
            try {
                vectors.add(settings.projection().apply(output.probabilities()));
            } catch (ModelOutputException e) {
                throw new InvalidModelOutputException("for " + name + ": " + e.getMessage() + " (model '"
                        + output.modelId() + "')", e);
            }
        }
        return new ClassifiedBatch(catalog(), vectors, modelId);
    }

    private ModelOutput infer(String name, ImageBytes image) {
        try {
            return Objects.requireNonNull(inference.infer(image), "model returned no output");
        } catch (FieldmarkException e) {
            throw e;
        } catch (ModelOutputException e) {
            throw new InvalidModelOutputException("for " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InferenceFailedException("running the model on " + name + " failed unexpectedly: " + e, false, e);
        }
    }
}
