package org.fieldmark.adapter.local.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.port.out.BirdLocatorPort;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.region.Region;

/**
 * The {@code search} locator: the embedded classifier is its own bird finder. The photo is decoded
 * once; the whole frame is scored first, exactly as {@link EmbeddedOnnxInferenceAdapter#infer} sees
 * it (so a photo whose answer is the whole frame gets today's answer); when the frame is not already
 * a confident bird, square windows at a few scales ({@link WindowSearchSettings#scales()}) are
 * scored in one batch, then five finer windows inside the best of them. Every window comes back
 * classified, best bird first; which one the identification is about is the domain's choice.
 */
public final class SearchLocatorAdapter implements BirdLocatorPort {

    /** The locator's name in results and logs. */
    public static final String NAME = "search";

    private final EmbeddedOnnxInferenceAdapter model;
    private final WindowSearchSettings settings;
    private final boolean[] bird;
    /** One batch buffer per calling thread, as large as the largest batch: no native allocation per photo. */
    private final ThreadLocal<ByteBuffer> batches;

    /**
     * @param model    the classifier that scores windows (not closed here; its owner closes it)
     * @param catalog  the model's classes, to tell birds from {@code background}
     * @param settings scales, window budget and early exit
     */
    public SearchLocatorAdapter(EmbeddedOnnxInferenceAdapter model, SpeciesCatalog catalog,
                                WindowSearchSettings settings) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(catalog, "catalog");
        if (catalog.size() != model.classCount()) {
            throw new ConfigurationInvalidException(List.of("the search locator's catalog '" + catalog.name()
                    + "' has " + catalog.size() + " classes but model " + model.modelId() + " answers "
                    + model.classCount() + "; use the model's own labels"));
        }
        int largestBatch = Math.max(WindowPlan.REFINE_WINDOWS, settings.maxWindows());
        int bytes = model.inputWidth() * model.inputHeight() * 3 * largestBatch;
        this.batches = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder()));
        this.bird = new boolean[catalog.size()];
        for (int i = 0; i < bird.length; i++) {
            bird[i] = catalog.species(i).bird();
        }
    }

    @Override
    public Location locate(ImageBytes image) {
        Objects.requireNonNull(image, "image");
        // The whole frame first, decoded exactly as infer decodes it: both give the same answer, and a
        // photo the model is already sure of never pays the larger decode the windows need.
        ImageDecoder.SizedImage frame = model.decodeForInput(image.bytes());
        RgbImage framePixels = frame.pixels();
        Scored whole = score(framePixels, List.of(new WindowPlan.Box(0, 0, framePixels.width(),
                framePixels.height()))).get(0);
        List<CandidateRegion> candidates = new ArrayList<>(settings.maxWindows());
        candidates.add(CandidateRegion.classified(Region.wholeFrame(frame.sourceWidth(), frame.sourceHeight()),
                whole.birdScore(), whole.output()));
        if (!settled(whole)) {
            candidates.addAll(windows(image.bytes(), frame));
        }
        int scored = candidates.size();
        // Stable: on equal scores the whole frame (scored first) and larger windows stay ahead.
        candidates.sort(Comparator.comparingDouble(CandidateRegion::score).reversed());
        return new Location(NAME, candidates, scored);
    }

    /**
     * The coarse windows, and the refining ones around the best, in a decode of at least
     * {@link EmbeddedOnnxInferenceAdapter#DECODE_MARGIN} times the input size (the frame's own decode
     * when it already is, or when it is the photo at full size).
     */
    private List<CandidateRegion> windows(byte[] bytes, ImageDecoder.SizedImage frame) {
        int side = model.inputWidth();
        int minWidth = EmbeddedOnnxInferenceAdapter.DECODE_MARGIN * model.inputWidth();
        int minHeight = EmbeddedOnnxInferenceAdapter.DECODE_MARGIN * model.inputHeight();
        RgbImage framePixels = frame.pixels();
        boolean fullSize = framePixels.width() == frame.sourceWidth() && framePixels.height() == frame.sourceHeight();
        ImageDecoder.SizedImage photo = fullSize || framePixels.width() >= minWidth && framePixels.height() >= minHeight
                ? frame : ImageDecoder.decodeSized(bytes, minWidth, minHeight);
        RgbImage pixels = photo.pixels();
        // Refining windows are kept back only when at least as many are left for the coarse ones.
        int afterWhole = settings.maxWindows() - 1;
        int coarseBudget = afterWhole >= 2 * WindowPlan.REFINE_WINDOWS ? afterWhole - WindowPlan.REFINE_WINDOWS
                : afterWhole;
        List<WindowPlan.Box> coarse = WindowPlan.coarse(pixels.width(), pixels.height(), settings.scales(),
                coarseBudget);
        coarse.remove(new WindowPlan.Box(0, 0, pixels.width(), pixels.height()));
        List<Scored> scored = new ArrayList<>(afterWhole);
        if (!coarse.isEmpty()) {
            List<Scored> coarseScores = score(pixels, coarse);
            scored.addAll(coarseScores);
            Scored best = coarseScores.stream().max(Comparator.comparingDouble(Scored::birdScore)).orElseThrow();
            int room = afterWhole - scored.size();
            if (!settled(best) && room >= WindowPlan.REFINE_WINDOWS && best.box().width() > side / 2) {
                scored.addAll(score(pixels, WindowPlan.refine(best.box())));
            }
        }
        List<CandidateRegion> candidates = new ArrayList<>(scored.size());
        for (Scored window : scored) {
            candidates.add(CandidateRegion.classified(toSource(window.box(), pixels, photo), window.birdScore(),
                    window.output()));
        }
        return candidates;
    }

    /** The frame (or best coarse window) is a bird the model is already sure of: no need to look closer. */
    private boolean settled(Scored window) {
        return window.topIsBird() && window.birdScore() >= settings.earlyExit();
    }

    private List<Scored> score(RgbImage pixels, List<WindowPlan.Box> boxes) {
        int bytesPerWindow = model.inputWidth() * model.inputHeight() * 3;
        ByteBuffer batch = batches.get();
        batch.clear();
        for (int i = 0; i < boxes.size(); i++) {
            batch.position(i * bytesPerWindow);
            AreaResize.resize(crop(pixels, boxes.get(i)), model.inputWidth(), model.inputHeight(), batch);
        }
        batch.position(0);
        List<ModelOutput> outputs = model.runBatch(batch, boxes.size());
        List<Scored> scored = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            scored.add(scored(boxes.get(i), outputs.get(i)));
        }
        return scored;
    }

    private Scored scored(WindowPlan.Box box, ModelOutput output) {
        double[] p = output.probabilities();
        int top = 0;
        double strongestBird = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > p[top]) {
                top = i;
            }
            if (i < bird.length && bird[i] && p[i] > strongestBird) {
                strongestBird = p[i];
            }
        }
        boolean topIsBird = top < bird.length && bird[top];
        return new Scored(box, output, Math.max(0.0, Math.min(1.0, strongestBird)), topIsBird);
    }

    private static RgbImage crop(RgbImage image, WindowPlan.Box box) {
        if (box.x() == 0 && box.y() == 0 && box.width() == image.width() && box.height() == image.height()) {
            return image;
        }
        byte[] rgb = new byte[box.width() * box.height() * 3];
        int rowBytes = box.width() * 3;
        for (int row = 0; row < box.height(); row++) {
            System.arraycopy(image.rgb(), ((box.y() + row) * image.width() + box.x()) * 3, rgb, row * rowBytes,
                    rowBytes);
        }
        return new RgbImage(box.width(), box.height(), rgb);
    }

    /** A window in decoded pixels as a region of the photo's own pixels (the decode may have skipped some). */
    private static Region toSource(WindowPlan.Box box, RgbImage pixels, ImageDecoder.SizedImage photo) {
        int width = photo.sourceWidth();
        int height = photo.sourceHeight();
        if (box.x() == 0 && box.y() == 0 && box.width() == pixels.width() && box.height() == pixels.height()) {
            return Region.wholeFrame(width, height);
        }
        double sx = (double) width / pixels.width();
        double sy = (double) height / pixels.height();
        int x = Math.min(width - 1, (int) Math.round(box.x() * sx));
        int y = Math.min(height - 1, (int) Math.round(box.y() * sy));
        int w = Math.max(1, Math.min(width - x, (int) Math.round(box.width() * sx)));
        int h = Math.max(1, Math.min(height - y, (int) Math.round(box.height() * sy)));
        return new Region(x, y, w, h, width, height);
    }

    private record Scored(WindowPlan.Box box, ModelOutput output, double birdScore, boolean topIsBird) {
    }

    @Override
    public String toString() {
        return "SearchLocatorAdapter[" + model.modelId() + ", " + settings + "]";
    }
}
