package org.fieldmark.benchmarks.locate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToIntFunction;
import javax.imageio.ImageIO;
import org.fieldmark.adapter.local.onnx.BundledBirdModel;
import org.fieldmark.adapter.local.onnx.EmbeddedOnnxInferenceAdapter;
import org.fieldmark.adapter.local.onnx.SearchLocatorAdapter;
import org.fieldmark.adapter.local.onnx.WindowSearchSettings;
import org.fieldmark.application.port.out.CandidateRegion;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.Location;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.region.RegionChoice;
import org.fieldmark.domain.region.RegionScores;

/**
 * Issue 12's evaluation: top-1 accuracy of the {@code whole} and {@code search} locators on
 * portraits (each source photo and five variants: flips, crops, colour shifts) and on 1280x720
 * composites (a variant pasted at 1/8 .. 1/3 of the width on a generated background), windows per
 * frame and milliseconds per frame (decode, windows, choice). Ground truth for every frame made
 * from a photo is that photo's whole-frame top-1 class with the bundled model (the model's own
 * answer for the uncropped portrait; checked by eye: see RESULTS.md). Empty scenes (no bird) count
 * how often each locator claims a bird. Deterministic (seed 12); about a minute on 2 cores.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.fieldmark.benchmarks.locate.LocateEvaluation
 * [--images DIR] [--threads N] [--scales 0.6,0.35] [--max-windows 24] [--early-exit 0.7] [--frames-per-variant 4]}.
 */
public final class LocateEvaluation {

    private record Frame(String name, byte[] jpeg, int truth, boolean portrait) {
    }

    private record Outcome(Frame frame, int wholeTop, List<RegionScores> candidates, int windows, double millis,
                           double cpuMillis, double wholeCpuMillis) {
    }

    /** CPU time of the calling thread: with one intra-op thread ONNX Runtime runs on it, so this is the frame's cost. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private LocateEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path images = Path.of(option(args, "--images", "../shared/images"));
        int threads = Integer.parseInt(option(args, "--threads", "2"));
        int perVariant = Integer.parseInt(option(args, "--frames-per-variant", "4"));
        WindowSearchSettings defaults = WindowSearchSettings.DEFAULT;
        WindowSearchSettings settings = new WindowSearchSettings(
                Arrays.stream(option(args, "--scales", join(defaults.scales())).split(","))
                        .map(Double::parseDouble).toList(),
                Integer.parseInt(option(args, "--max-windows", String.valueOf(defaults.maxWindows()))),
                Double.parseDouble(option(args, "--early-exit", String.valueOf(defaults.earlyExit()))));
        SpeciesCatalog catalog = BundledBirdModel.catalog();
        try (EmbeddedOnnxInferenceAdapter model = EmbeddedOnnxInferenceAdapter.bundled(threads)) {
            SearchLocatorAdapter search = new SearchLocatorAdapter(model, catalog, settings);
            String[] size = option(args, "--frame", Composites.FRAME_WIDTH + "x" + Composites.FRAME_HEIGHT).split("x");
            List<Frame> frames = frames(images, model, perVariant, catalog, Integer.parseInt(size[0]),
                    Integer.parseInt(size[1]));
            System.err.printf("locate: %d frames, %s, %d intra-op threads%n", frames.size(), settings, threads);
            // Warm-up: the first frames pay for class loading and JIT.
            for (int i = 0; i < 5; i++) {
                search.locate(new ImageBytes(frames.get(frames.size() - 1 - i).jpeg(), "image/jpeg"));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Frame frame : frames) {
                ImageBytes photo = new ImageBytes(frame.jpeg(), "image/jpeg");
                long wholeStart = CPU.getCurrentThreadCpuTime();
                int wholeTop = top(model.infer(photo).probabilities());
                double wholeCpu = (CPU.getCurrentThreadCpuTime() - wholeStart) / 1e6;
                long cpuStart = CPU.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                Location location = search.locate(photo);
                List<RegionScores> scores = location.candidates().stream()
                        .map(c -> new RegionScores(c.region(), c.output().probabilities())).toList();
                RegionChoice.DEFAULT.choose(scores, catalog);
                double millis = (System.nanoTime() - start) / 1e6;
                double cpuMillis = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6;
                outcomes.add(new Outcome(frame, wholeTop, scores, location.windows(), millis, cpuMillis, wholeCpu));
            }
            report(outcomes, catalog, threads);
        }
    }

    private static List<Frame> frames(Path images, EmbeddedOnnxInferenceAdapter model, int perVariant,
                                      SpeciesCatalog catalog, int frameWidth, int frameHeight) throws IOException {
        List<Frame> frames = new ArrayList<>();
        Random random = new Random(12);
        List<Path> photos;
        try (var listing = Files.list(images)) {
            photos = listing.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|bmp)$")).sorted().toList();
        }
        Composites.Background[] kinds = Composites.Background.values();
        int made = 0;
        for (Path path : photos) {
            BufferedImage photo = ImageIO.read(path.toFile());
            int truth = top(model.infer(new ImageBytes(Files.readAllBytes(path), "")).probabilities());
            System.err.printf("locate: %s is %s (class %d)%n", path.getFileName(), catalog.species(truth).name(),
                    truth);
            for (Composites.Variant variant : Composites.Variant.values()) {
                BufferedImage varied = Composites.variant(photo, variant);
                String name = path.getFileName() + "/" + variant;
                frames.add(new Frame(name, Composites.jpeg(varied), truth, true));
                for (int i = 0; i < perVariant; i++) {
                    Composites.Background kind = kinds[made++ % kinds.length];
                    BufferedImage scene = Composites.background(kind, random, frameWidth, frameHeight);
                    Composites.paste(scene, varied, random);
                    frames.add(new Frame(name + "@" + kind, Composites.jpeg(scene), truth, false));
                }
            }
        }
        for (int i = 0; i < 8; i++) {
            Composites.Background kind = kinds[i % kinds.length];
            frames.add(new Frame("empty@" + kind, Composites.jpeg(Composites.background(kind, random, frameWidth, frameHeight)), -1, false));
        }
        return frames;
    }

    private static void report(List<Outcome> outcomes, SpeciesCatalog catalog, int threads) {
        List<Outcome> portraits = outcomes.stream().filter(o -> o.frame().portrait()).toList();
        List<Outcome> composites = outcomes.stream().filter(o -> !o.frame().portrait() && o.frame().truth() >= 0)
                .toList();
        List<Outcome> empty = outcomes.stream().filter(o -> o.frame().truth() < 0).toList();
        String prefix = "locate.";
        figure(prefix + "portraits.count", portraits.size(), "frames");
        figure(prefix + "composites.count", composites.size(), "frames");
        figure(prefix + "portraits.top1.whole", accuracy(portraits, Outcome::wholeTop), "%");
        figure(prefix + "composites.top1.whole", accuracy(composites, Outcome::wholeTop), "%");
        for (double margin : new double[] {0.10, 0.0, 0.05, 0.20}) {
            RegionChoice rule = new RegionChoice(margin);
            String tag = margin == 0.10 ? "search" : String.format(Locale.ROOT, "search.near_tie_%.2f", margin);
            figure(prefix + "portraits.top1." + tag, accuracy(portraits, o -> chosenTop(o, rule, catalog)), "%");
            figure(prefix + "composites.top1." + tag, accuracy(composites, o -> chosenTop(o, rule, catalog)), "%");
        }
        figure(prefix + "portraits.top1.naive_best_window", accuracy(portraits, o -> naiveTop(o, catalog)), "%");
        figure(prefix + "composites.top1.naive_best_window", accuracy(composites, o -> naiveTop(o, catalog)), "%");
        long claimed = empty.stream().filter(o -> RegionChoice.DEFAULT.choose(o.candidates(), catalog).birdFound())
                .count();
        long claimedWhole = empty.stream().filter(o -> catalog.species(o.wholeTop()).bird()).count();
        figure(prefix + "empty.count", empty.size(), "frames");
        figure(prefix + "empty.bird_claimed.whole", claimedWhole, "frames");
        figure(prefix + "empty.bird_claimed.search", claimed, "frames");
        double[] windows = composites.stream().mapToDouble(Outcome::windows).sorted().toArray();
        double[] portraitWindows = portraits.stream().mapToDouble(Outcome::windows).sorted().toArray();
        figure(prefix + "composites.windows_per_frame.mean", Arrays.stream(windows).average().orElse(0), "windows");
        figure(prefix + "portraits.windows_per_frame.mean", Arrays.stream(portraitWindows).average().orElse(0),
                "windows");
        double[] millis = composites.stream().mapToDouble(Outcome::millis).sorted().toArray();
        figure(prefix + "composites.ms_per_frame." + threads + "intra.p50", percentile(millis, 50), "ms");
        figure(prefix + "composites.ms_per_frame." + threads + "intra.p99", percentile(millis, 99), "ms");
        double[] cpu = composites.stream().mapToDouble(Outcome::cpuMillis).sorted().toArray();
        figure(prefix + "composites.cpu_ms_per_frame." + threads + "intra.p50", percentile(cpu, 50), "ms");
        figure(prefix + "composites.cpu_ms_per_frame." + threads + "intra.p99", percentile(cpu, 99), "ms");
        double[] wholeCpu = composites.stream().mapToDouble(Outcome::wholeCpuMillis).sorted().toArray();
        figure(prefix + "composites.cpu_ms_per_frame.whole." + threads + "intra.p50", percentile(wholeCpu, 50), "ms");
        double[] portraitMillis = portraits.stream().mapToDouble(Outcome::millis).sorted().toArray();
        figure(prefix + "portraits.ms_per_frame." + threads + "intra.p50", percentile(portraitMillis, 50), "ms");
        figure(prefix + "machine.load_1m", loadAverage(), "tasks");
        for (Outcome o : outcomes) {
            int chosen = chosenTop(o, RegionChoice.DEFAULT, catalog);
            double[] answer = o.candidates().get(RegionChoice.DEFAULT.choose(o.candidates(), catalog).index())
                    .probabilities();
            System.err.printf(Locale.ROOT,
                    "locate: %-40s truth %-28s whole %-28s search %-28s p %.2f %2d windows %6.1f ms%n",
                    o.frame().name(), label(o.frame().truth(), catalog), label(o.wholeTop(), catalog),
                    label(chosen, catalog), answer[chosen], o.windows(), o.millis());
        }
    }

    private static int chosenTop(Outcome o, RegionChoice rule, SpeciesCatalog catalog) {
        return top(o.candidates().get(rule.choose(o.candidates(), catalog).index()).probabilities());
    }

    /** The rule the quick experiment used: the window with the strongest bird class wins, whatever else. */
    private static int naiveTop(Outcome o, SpeciesCatalog catalog) {
        RegionScores best = null;
        double strongest = -1;
        for (RegionScores c : o.candidates()) {
            double[] p = c.probabilities();
            for (int i = 0; i < p.length; i++) {
                if (catalog.species(i).bird() && p[i] > strongest) {
                    strongest = p[i];
                    best = c;
                }
            }
        }
        return top(best.probabilities());
    }

    private static double accuracy(List<Outcome> outcomes, ToIntFunction<Outcome> answer) {
        long right = outcomes.stream().filter(o -> answer.applyAsInt(o) == o.frame().truth()).count();
        return outcomes.isEmpty() ? 0 : 100.0 * right / outcomes.size();
    }

    private static String label(int index, SpeciesCatalog catalog) {
        return index < 0 ? "(no bird)" : catalog.species(index).name();
    }

    private static int top(double[] p) {
        int top = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[top]) {
                top = i;
            }
        }
        return top;
    }

    private static double percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void figure(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "%s %.1f %s%n", name, value, unit);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String join(List<Double> scales) {
        return String.join(",", scales.stream().map(String::valueOf).toList());
    }
}
