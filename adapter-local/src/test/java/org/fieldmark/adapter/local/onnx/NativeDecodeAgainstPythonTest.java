package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.fieldmark.application.testing.OptionalTool;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native JPEG path against the Python reference pipelines it follows, on the same bytes: OpenCV's
 * {@code IMREAD_REDUCED_*} + INTER_AREA pixel for pixel, and Pillow's {@code draft()} + BOX no further
 * off than Python's OpenCV pipeline is (the full-size average that {@link ResizeAgainstReferenceTest}
 * compares with is a different low-pass).
 */
class NativeDecodeAgainstPythonTest {

    /** Measured 0 on 2026-12-02 (OpenCV 4.11 with libjpeg-turbo 3.0.3 here, Debian's OpenCV 4.6 in Python); 1 for rounding. */
    private static final int MAX_TO_OPENCV = 1;

    @RegisterExtension
    static final OptionalTool PYTHON = OptionalTool.of("python3", "python3-pil python3-opencv",
            Path.of("/usr/bin/python3"));

    /** The anchor's two pipelines (benchmarks' decode_resize.py) on stdin's JPEG: Pillow's pixels, then OpenCV's. */
    private static final String PIPELINES = String.join("\n",
            "import io, sys",
            "import cv2, numpy",
            "from PIL import Image",
            "data = sys.stdin.buffer.read()",
            "image = Image.open(io.BytesIO(data))",
            "width, height = image.size",
            "image.draft('RGB', (224, 224))",
            "sys.stdout.buffer.write(image.convert('RGB').resize((224, 224), Image.BOX).tobytes())",
            "factor = 1",
            "while factor < 8 and width // (factor * 2) >= 224 and height // (factor * 2) >= 224:",
            "    factor *= 2",
            "flag = {1: cv2.IMREAD_COLOR, 2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4,"
                    + " 8: cv2.IMREAD_REDUCED_COLOR_8}[factor]",
            "bgr = cv2.imdecode(numpy.frombuffer(data, numpy.uint8), flag)",
            "small = cv2.resize(bgr, (224, 224), interpolation=cv2.INTER_AREA)",
            "sys.stdout.buffer.write(cv2.cvtColor(small, cv2.COLOR_BGR2RGB).tobytes())");

    @ParameterizedTest(name = "{0} at {1}x its size")
    @CsvSource({"parrot.jpg, 1", "owl.jpg, 8", "parrot.jpg, 4"})
    void givesTheModelThePixelsThePythonReferenceGivesIt(String photo, int scale) throws Exception {
        Assumptions.assumeTrue(NativeDecoding.decoder().isPresent(), "no JPEG natives on this platform: ImageIO decodes");
        byte[] jpeg = scale == 1 ? Photos.bytes(photo) : Photos.encode(Photos.enlarge(Photos.image(photo), scale), "jpeg");
        ByteBuffer ours = ByteBuffer.allocateDirect(224 * 224 * 3);
        SharedModel.get().preprocess(jpeg, ours);

        byte[] python = python(jpeg);
        ByteBuffer pillow = ByteBuffer.wrap(python, 0, 224 * 224 * 3).slice();
        ByteBuffer opencv = ByteBuffer.wrap(python, 224 * 224 * 3, 224 * 224 * 3).slice();

        int againstOpencv = OnnxBenchmark.maxDifference(ours, opencv);
        double oursToPillow = meanDifference(ours, pillow);
        double opencvToPillow = meanDifference(opencv, pillow);
        System.out.printf(Locale.ROOT, "%s x%d: max channel difference to Python OpenCV %d (mean %.3f); mean to Pillow"
                        + " %.3f, Python OpenCV's own to Pillow %.3f%n", photo, scale, againstOpencv,
                meanDifference(ours, opencv), oursToPillow, opencvToPillow);
        // The same DCT scale and box filter as Python's OpenCV pipeline; libjpeg-turbo builds may round apart.
        assertThat(againstOpencv).isLessThanOrEqualTo(MAX_TO_OPENCV);
        // Pillow's decode differs from OpenCV's by itself (parrot.jpg: max 64, mean 3.3 levels, Python alone):
        // no further from Pillow than Python's own OpenCV pipeline is.
        assertThat(oursToPillow).isLessThanOrEqualTo(opencvToPillow + 0.1);
    }

    private static double meanDifference(ByteBuffer a, ByteBuffer b) {
        long sum = 0;
        for (int i = 0; i < a.capacity(); i++) {
            sum += Math.abs((a.get(i) & 0xFF) - (b.get(i) & 0xFF));
        }
        return (double) sum / a.capacity();
    }

    private static byte[] python(byte[] jpeg) throws IOException, InterruptedException {
        Process python = new ProcessBuilder(PYTHON.require().toString(), "-c", PIPELINES).start();
        try (OutputStream in = python.getOutputStream()) {
            in.write(jpeg);
        }
        byte[] pixels = python.getInputStream().readAllBytes();
        String error = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = python.waitFor();
        if (exit != 0 && error.contains("No module named") && !OptionalTool.required()) {
            Assumptions.abort("python3 has no PIL or cv2; 'apt-get install -y python3-pil python3-opencv' runs this"
                    + " test too");
        }
        assertThat(exit).as("python3 with PIL and cv2: %s", error).isZero();
        assertThat(pixels).hasSize(2 * 224 * 224 * 3);
        return pixels;
    }

}
