package org.fieldmark.adapter.local.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InvalidModelOutputException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;

/**
 * Runs an image classifier in this process with ONNX Runtime: decodes the JPEG, PNG or BMP,
 * squashes it to the model's input size with an area-averaging downscale, feeds the raw RGB
 * bytes (uint8 NHWC) and returns the model's probability vector. Input and output names and
 * shapes are read from the model. One session serves every thread (ONNX Runtime sessions are
 * thread-safe); when the adapter is built it is run on a blank image, and made-up photos go
 * through decode, resize and the model ({@link PipelineWarmUp}), so the first real photo does
 * not pay for the warm-up. Close it to free the native memory.
 */
public final class EmbeddedOnnxInferenceAdapter implements InferencePort, AutoCloseable {

    /**
     * Photos are decoded subsampled down to no less than twice the model's input size: point
     * sampling straight to about the input size aliases sharp edges (up to 69 levels off the full
     * area average on parrot.jpg), while twice the size keeps the final box filter antialiased.
     */
    static final int DECODE_MARGIN = 2;

    /**
     * A JPEG decoded natively needs no margin: libjpeg-turbo's DCT scaling averages each reduced
     * block, so it decodes to the smallest scale keeping both sides at the input size, as the Python
     * reference does (Pillow's {@code draft()}, OpenCV's {@code IMREAD_REDUCED_*}).
     */
    static final int NATIVE_DECODE_MARGIN = 1;

    /** Model runs on a made-up photo at start-up, after the blank one (ONNX Runtime's first runs are slower). */
    static final int MODEL_WARM_UP_RUNS = 3;

    private final String modelId;
    private final OrtEnvironment environment;
    private final SharedSession session;
    private final String inputName;
    private final String outputName;
    private final long[] inputShape;
    private final int height;
    private final int width;
    private final int classCount;
    /** The model's batch dimension is free: many windows go in one call. */
    private final boolean batches;
    private final ThreadLocal<ByteBuffer> inputBuffers;

    /**
     * Loads the model file.
     *
     * @param modelFile      an ONNX classifier with one uint8 NHWC [1, H, W, 3] input and one
     *                       float [1, N] probability output
     * @param modelId        the name results and logs carry
     * @param intraOpThreads threads ONNX Runtime may use for one image (at least 1)
     * @throws ConfigurationInvalidException when the file is missing or is not such a model
     */
    public EmbeddedOnnxInferenceAdapter(Path modelFile, String modelId, int intraOpThreads) {
        this(load(modelFile), modelId, intraOpThreads, modelFile.toString());
    }

    private EmbeddedOnnxInferenceAdapter(byte[] model, String modelId, int intraOpThreads, String where) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelId, "modelId");
        if (modelId.isBlank()) {
            throw new ConfigurationInvalidException(List.of("the model id must not be blank"));
        }
        if (intraOpThreads < 1) {
            throw new ConfigurationInvalidException(List.of("intra-op threads for model " + modelId
                    + " must be at least 1, got " + intraOpThreads));
        }
        this.modelId = modelId;
        this.environment = OrtEnvironment.getEnvironment();
        OrtSession opened = null;
        try {
            opened = SharedSession.open(environment, model, intraOpThreads);
            Map<String, NodeInfo> inputs = opened.getInputInfo();
            Map<String, NodeInfo> outputs = opened.getOutputInfo();
            if (inputs.size() != 1 || outputs.isEmpty()) {
                throw invalid(where, "it has " + inputs.size() + " inputs and " + outputs.size()
                        + " outputs; expected one image input and a probability output");
            }
            NodeInfo input = inputs.values().iterator().next();
            NodeInfo output = outputs.values().iterator().next();
            TensorInfo in = tensor(where, input);
            TensorInfo out = tensor(where, output);
            long[] shape = in.getShape();
            if (in.type != OnnxJavaType.UINT8 || shape.length != 4 || shape[3] != 3 || shape[1] < 1 || shape[2] < 1) {
                throw invalid(where, "input '" + input.getName() + "' is " + in.type + " " + Arrays.toString(shape)
                        + "; expected UINT8 NHWC [1, height, width, 3] (raw RGB pixels)");
            }
            long[] outShape = out.getShape();
            if (out.type != OnnxJavaType.FLOAT || outShape.length != 2 || outShape[1] < 1) {
                throw invalid(where, "output '" + output.getName() + "' is " + out.type + " "
                        + Arrays.toString(outShape) + "; expected FLOAT [1, classes]");
            }
            this.inputName = input.getName();
            this.outputName = output.getName();
            this.height = (int) shape[1];
            this.width = (int) shape[2];
            this.inputShape = new long[] {1, height, width, 3};
            this.classCount = (int) outShape[1];
            this.batches = shape[0] < 0 && outShape[0] < 0;
            this.session = new SharedSession(opened, "model " + modelId);
        } catch (OrtException e) {
            SharedSession.closeQuietly(opened);
            throw invalid(where, "ONNX Runtime cannot load it (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            SharedSession.closeQuietly(opened);
            throw e;
        }
        int bytes = height * width * 3;
        this.inputBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder()));
        warmUp();
    }

    /**
     * The bird model shipped in this jar ({@link BundledBirdModel}), id {@value BundledBirdModel#MODEL_ID};
     * its classes are {@link BundledBirdModel#catalog()}.
     *
     * @param intraOpThreads threads ONNX Runtime may use for one image (1 gives the best
     *                       throughput when several images are identified at once)
     */
    public static EmbeddedOnnxInferenceAdapter bundled(int intraOpThreads) {
        return new EmbeddedOnnxInferenceAdapter(BundledBirdModel.modelBytes(), BundledBirdModel.MODEL_ID,
                intraOpThreads, "bundled " + BundledBirdModel.MODEL_RESOURCE);
    }

    /** The model's id, as {@link ModelOutput#modelId()} carries it. */
    public String modelId() {
        return modelId;
    }

    /** How many probabilities the model answers with. */
    public int classCount() {
        return classCount;
    }

    /** The model's input size in pixels: width. */
    public int inputWidth() {
        return width;
    }

    /** The model's input size in pixels: height. */
    public int inputHeight() {
        return height;
    }

    @Override
    public ModelOutput infer(ImageBytes image) {
        Objects.requireNonNull(image, "image");
        ByteBuffer input = inputBuffers.get();
        input.clear();
        preprocess(image.bytes(), input);
        return run(input);
    }

    /**
     * The first of {@link #infer}'s two stages: decodes and resizes to the model's input,
     * {@code width * height * 3} RGB bytes from {@code target}'s position. Public so that the two
     * stages can be measured apart (benchmarks).
     */
    public void preprocess(byte[] encoded, ByteBuffer target) {
        AreaResize.resize(decodeForInput(encoded).pixels(), width, height, target);
    }

    /**
     * Decodes as {@link #preprocess} does (the search locator's whole frame shares it): natively to
     * {@link #NATIVE_DECODE_MARGIN}, through ImageIO to {@link #DECODE_MARGIN} times the input size.
     */
    ImageDecoder.SizedImage decodeForInput(byte[] encoded) {
        return ImageDecoder.decodeSized(encoded, NATIVE_DECODE_MARGIN * width, NATIVE_DECODE_MARGIN * height,
                DECODE_MARGIN * width, DECODE_MARGIN * height, ImageDecoder.Decoders.NATIVE_WHEN_LOADED);
    }

    /** The second of {@link #infer}'s stages: runs the model on pixels already at the input size (NHWC RGB bytes). */
    public ModelOutput run(ByteBuffer pixels) {
        return session.whileOpen(() -> runOpen(pixels));
    }

    /**
     * Runs the model on {@code count} images already resized to the input size, packed one after the
     * other (NHWC RGB bytes) from {@code pixels}' position: one call when the model's batch dimension
     * is free, else one call per image. Answers are in the images' order.
     */
    List<ModelOutput> runBatch(ByteBuffer pixels, int count) {
        int imageBytes = height * width * 3;
        if (count < 1 || pixels.remaining() < count * imageBytes) {
            throw new IllegalArgumentException("a batch needs 1 or more images of " + imageBytes + " bytes, got "
                    + count + " and " + pixels.remaining() + " bytes");
        }
        return session.whileOpen(() -> {
            if (!batches || count == 1) {
                List<ModelOutput> answers = new java.util.ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ByteBuffer one = pixels.duplicate();
                    one.position(pixels.position() + i * imageBytes).limit(pixels.position() + (i + 1) * imageBytes);
                    answers.add(runOpen(one.slice(), inputShape, 1).get(0));
                }
                return answers;
            }
            ByteBuffer all = pixels.duplicate();
            all.limit(pixels.position() + count * imageBytes);
            return runOpen(all.slice(), new long[] {count, height, width, 3}, count);
        });
    }

    /** {@code true} when {@link #runBatch} scores many images in one call. */
    boolean batches() {
        return batches;
    }

    private ModelOutput runOpen(ByteBuffer pixels) {
        return runOpen(pixels, inputShape, 1).get(0);
    }

    private List<ModelOutput> runOpen(ByteBuffer pixels, long[] shape, int count) {
        return session.run(open -> runOn(open, pixels, shape, count));
    }

    private List<ModelOutput> runOn(OrtSession open, ByteBuffer pixels, long[] shape, int count)
            throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, pixels, shape, OnnxJavaType.UINT8);
             OrtSession.Result result = open.run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxValue value = result.get(outputName).orElseThrow(() -> new InvalidModelOutputException(
                    "model " + modelId + " gave no output '" + outputName + "'"));
            if (!(value instanceof OnnxTensor probabilities)) {
                throw new InvalidModelOutputException("model " + modelId + " output '" + outputName
                        + "' is not a tensor but " + value.getType());
            }
            FloatBuffer floats = probabilities.getFloatBuffer();
            int each = floats.remaining() / count;
            if (each * count != floats.remaining()) {
                throw new InvalidModelOutputException("model " + modelId + " answered " + floats.remaining()
                        + " values for " + count + " images");
            }
            List<ModelOutput> answers = new java.util.ArrayList<>(count);
            for (int n = 0; n < count; n++) {
                double[] answer = new double[each];
                for (int i = 0; i < each; i++) {
                    answer[i] = floats.get(n * each + i);
                }
                answers.add(new ModelOutput(answer, modelId));
            }
            return answers;
        }
    }

    private void warmUp() {
        ByteBuffer blank = inputBuffers.get();
        blank.clear();
        for (int i = 0; i < blank.capacity(); i++) {
            blank.put(i, (byte) 128);
        }
        double[] probabilities;
        try {
            probabilities = run(blank).probabilities();
        } catch (RuntimeException e) {
            close(); // a model that cannot run once is refused; its native session must not outlive it
            throw e;
        }
        if (probabilities.length != classCount) {
            close();
            throw new ConfigurationInvalidException(List.of("model " + modelId + " declared " + classCount
                    + " classes but answered with " + probabilities.length));
        }
        try {
            // The first real photo should not be the first the decoders, the resize and the model see.
            PipelineWarmUp.run(encoded -> {
                blank.clear();
                preprocess(encoded, blank);
            });
            for (int i = 0; i < MODEL_WARM_UP_RUNS; i++) {
                run(blank);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        session.close();
    }

    private static TensorInfo tensor(String where, NodeInfo node) {
        if (node.getInfo() instanceof TensorInfo info) {
            return info;
        }
        throw invalid(where, "'" + node.getName() + "' is not a tensor (" + node.getInfo() + ")");
    }

    private static ConfigurationInvalidException invalid(String where, String why) {
        return new ConfigurationInvalidException(List.of("model " + where + " is not a usable image classifier: "
                + why));
    }

    private static byte[] load(Path modelFile) {
        Objects.requireNonNull(modelFile, "modelFile");
        if (!Files.isRegularFile(modelFile)) {
            throw new ConfigurationInvalidException(List.of("model file " + modelFile.toAbsolutePath()
                    + " does not exist or is not a file; point it at an .onnx model"));
        }
        try {
            return Files.readAllBytes(modelFile);
        } catch (java.io.IOException e) {
            throw new ConfigurationInvalidException(List.of("model file " + modelFile.toAbsolutePath()
                    + " cannot be read: " + e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "EmbeddedOnnxInferenceAdapter[" + modelId + ", " + Arrays.toString(inputShape) + " -> " + classCount
                + " classes]";
    }
}
