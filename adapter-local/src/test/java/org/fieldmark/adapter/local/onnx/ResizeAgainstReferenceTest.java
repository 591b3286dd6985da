package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.fieldmark.domain.Identification;
import org.fieldmark.domain.IdentificationRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast path (subsampled decode, then the box filter) against the obvious one (whole image
 * decoded, every pixel averaged in doubles): the pixels the model sees and what it makes of them.
 */
class ResizeAgainstReferenceTest {

    @ParameterizedTest(name = "{0} at {1}x its size")
    @CsvSource({"owl.jpg, 1, 1, 0.5, 0.03", "bird.bmp, 1, 1, 0.5, 0.03",
            // 512x929: decoded natively at 1/2 DCT scale, as Pillow's draft() does, whose low-pass is not
            // the full-size box average (measured: max 36, mean 2.5, 0.739 against 0.769); exact on ImageIO.
            // NativeDecodeAgainstPythonTest holds that path to the Python reference pipelines instead.
            "parrot.jpg, 1, 40, 3.0, 0.04",
            // Camera-sized copies, so the decoder really subsamples (by 3 to 4).
            "owl.jpg, 4, 32, 2.0, 0.03", "parrot.jpg, 4, 32, 2.0, 0.03", "bird.bmp, 4, 32, 2.0, 0.03"})
    void givesTheModelNearlyTheSamePixelsAndTheSameAnswer(String photo, int scale, int maxDifference, double maxMean,
                                                          double maxProbability) {
        BufferedImage original = Photos.image(photo);
        BufferedImage image = scale == 1 ? original : Photos.enlarge(original, scale);
        byte[] encoded = scale == 1 ? Photos.bytes(photo) : Photos.encode(image, "png");
        EmbeddedOnnxInferenceAdapter model = SharedModel.get();

        ByteBuffer fast = ByteBuffer.allocateDirect(224 * 224 * 3);
        model.preprocess(encoded, fast);
        ByteBuffer reference = ReferenceAreaAverage.resize(image, 224, 224);

        int difference = OnnxBenchmark.maxDifference(fast, reference);
        double meanDifference = meanDifference(fast, reference);
        Identification quick = IdentificationRules.DEFAULT.identify(photo, model.run(fast).probabilities(),
                BundledBirdModel.catalog());
        Identification slow = IdentificationRules.DEFAULT.identify(photo, model.run(reference).probabilities(),
                BundledBirdModel.catalog());
        System.out.printf(Locale.ROOT, "%s x%d (%dx%d): max channel difference %d, mean %.3f; top-1 fast %s %.4f,"
                        + " reference %s %.4f%n", photo, scale, image.getWidth(), image.getHeight(), difference,
                meanDifference, quick.top().scientificName(), quick.top().probability(),
                slow.top().scientificName(), slow.top().probability());

        assertThat(difference).isLessThanOrEqualTo(maxDifference);
        assertThat(meanDifference).isLessThan(maxMean);
        assertThat(quick.top().scientificName()).isEqualTo(slow.top().scientificName());
        assertThat(quick.top().probability()).isCloseTo(slow.top().probability(),
                org.assertj.core.data.Offset.offset(maxProbability));
    }

    private static double meanDifference(ByteBuffer a, ByteBuffer b) {
        long sum = 0;
        for (int i = 0; i < a.capacity(); i++) {
            sum += Math.abs((a.get(i) & 0xFF) - (b.get(i) & 0xFF));
        }
        return (double) sum / a.capacity();
    }
}
