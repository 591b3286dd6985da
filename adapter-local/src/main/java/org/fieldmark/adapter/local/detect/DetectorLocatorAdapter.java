package org.fieldmark.adapter.local.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.adapter.local.onnx.ImageDecoder;
import org.fieldmark.adapter.local.onnx.RgbImage;
import org.fieldmark.adapter.local.onnx.SharedSession;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InvalidModelOutputException;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.domain.region.Region;

/**
 * The {@code detector} locator: runs a user-supplied ONNX object detector ({@link DetectorLayout}
 * says how its outputs are laid out) once per photo and answers each bird it found as a crop
 * to classify, best score first. The photo is decoded once at full size; it is squashed to the
 * detector's input (read from the model, {@link DetectorInput}), the boxes of bird classes that
 * score above the minimum are thinned by non-maximum suppression, widened by the margin, and cut
 * from the full-size pixels. No bird above the minimum: no candidates. One session serves every
 * thread; it is run once on a blank image when the adapter is built, so a model whose outputs do
 * not fit the layout is refused at start-up, not on the first photo. Close it to free the native
 * memory.
 */
public final class DetectorLocatorAdapter implements BirdLocatorPort, AutoCloseable {

    /** The locator's name in {@link Location#locator()}. */
    public static final String NAME = "detector";

    private final DetectorSettings settings;
    private final OrtEnvironment environment;
    private final SharedSession session;
    private final DetectorInput input;
    private final DetectionReader reader;

    /**
     * Loads the detector.
     *
     * @throws ConfigurationInvalidException when the model file is missing, is not ONNX, or its
     *                                       input or outputs do not fit the layout; every problem named
     */
    public DetectorLocatorAdapter(DetectorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        String where = settings.model().toAbsolutePath().toString();
        byte[] model = load(settings.model());
        this.environment = OrtEnvironment.getEnvironment();
        OrtSession opened = null;
        try {
            opened = SharedSession.open(environment, model, settings.intraOpThreads());
            Map<String, NodeInfo> inputs = opened.getInputInfo();
            Map<String, NodeInfo> outputs = opened.getOutputInfo();
            if (inputs.size() != 1 || outputs.isEmpty()) {
                throw invalid(where, settings.layout(), "it has " + inputs.size() + " inputs and " + outputs.size()
                        + " outputs; expected one image input and the detector's outputs");
            }
            StringBuilder problem = new StringBuilder();
            this.input = DetectorInput.of(inputs.values().iterator().next(), problem);
            this.reader = input == null ? null : DetectionReader.of(settings.layout(), outputs, input, problem);
            if (reader == null) {
                throw invalid(where, settings.layout(), problem.toString());
            }
            this.session = new SharedSession(opened, "the detector " + settings.model().getFileName());
        } catch (OrtException e) {
            SharedSession.closeQuietly(opened);
            throw invalid(where, settings.layout(), "ONNX Runtime cannot load it (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            SharedSession.closeQuietly(opened);
            throw e;
        }
        warmUp(where);
    }

    @Override
    public Location locate(ImageBytes image) {
        Objects.requireNonNull(image, "image");
        // Full size: the crops are cut from these pixels, and a bird is often a small part of the frame.
        RgbImage photo = ImageDecoder.decode(image.bytes(), Integer.MAX_VALUE, Integer.MAX_VALUE);
        List<Detection> birds = new ArrayList<>();
        for (Detection d : detect(photo)) {
            if (settings.birdClasses().contains(d.classId())) {
                birds.add(d);
            }
        }
        List<CandidateRegion> candidates = new ArrayList<>();
        for (Detection bird : NonMaximumSuppression.keep(birds, settings.nmsIou())) {
            Region region = Crops.region(bird, settings.margin(), photo.width(), photo.height());
            candidates.add(CandidateRegion.toClassify(region, bird.score(), Crops.encode(photo, region)));
        }
        return new Location(NAME, candidates, 1);
    }

    /** Every detection above the minimum score, of any class, in the model's order. */
    List<Detection> detect(RgbImage photo) {
        return session.run(open -> {
            try (OnnxTensor tensor = input.tensor(environment, photo);
                 OrtSession.Result result = open.run(Map.of(input.name(), tensor), reader.outputs())) {
                return reader.read(result, settings.minScore());
            }
        });
    }

    private void warmUp(String where) {
        byte[] grey = new byte[input.width() * input.height() * 3];
        Arrays.fill(grey, (byte) 128);
        try {
            detect(new RgbImage(input.width(), input.height(), grey));
        } catch (InvalidModelOutputException | InferenceFailedException e) {
            close();
            throw invalid(where, settings.layout(), "a trial run on a grey image failed: " + e.getMessage());
        } catch (RuntimeException e) {
            close(); // whatever else a broken model causes, its native session must not outlive it
            throw e;
        }
    }

    @Override
    public void close() {
        session.close();
    }

    private static ConfigurationInvalidException invalid(String where, DetectorLayout layout, String why) {
        return new ConfigurationInvalidException(List.of("detector model " + where + " is not a usable "
                + layout.name() + " object detector: " + why));
    }

    private static byte[] load(Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new ConfigurationInvalidException(List.of("detector model file " + modelFile.toAbsolutePath()
                    + " does not exist or is not a file; point it at an .onnx object detector"));
        }
        try {
            return Files.readAllBytes(modelFile);
        } catch (IOException e) {
            throw new ConfigurationInvalidException(List.of("detector model file " + modelFile.toAbsolutePath()
                    + " cannot be read: " + e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "DetectorLocatorAdapter[" + settings.model().getFileName() + ", " + settings.layout().name() + ", "
                + input + ", birds " + settings.birdClasses() + "]";
    }
}
