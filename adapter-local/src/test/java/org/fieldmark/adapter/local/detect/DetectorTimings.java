package org.fieldmark.adapter.local.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fieldmark.adapter.local.detect.TinyDetector.Head;
import org.fieldmark.adapter.local.detect.TinyDetector.Input;
import org.fieldmark.adapter.local.onnx.ImageDecoder;
import org.fieldmark.adapter.local.onnx.RgbImage;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.domain.region.Region;

/**
 * Timings for the issue #12 report, not a test (nothing is asserted): the detector path on a
 * 1280x720 JPEG with the tiny ssd model, step by step (decode, resize + run, crop + encode), and
 * BMP against PNG for the crop. Per-thread CPU time, because the machine is shared.
 * Run: {@code ./mvnw -q -pl adapter-local -am test-compile} then
 * {@code java -cp <adapter-local test-classes, classes and dependencies> org.fieldmark.adapter.local.detect.DetectorTimings}.
 */
public final class DetectorTimings {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private DetectorTimings() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("tiny-detector");
        try (DetectorLocatorAdapter detector = new DetectorLocatorAdapter(DetectorSettings.defaults(
                TinyDetector.write(dir, Input.UINT8_NHWC, Head.SSD), DetectorLayout.ssd()))) {
            time(detector, "painted cell", Scenes.whiteCell(1280, 720, "jpeg", 10), rounds);
            byte[] owl = owl();
            time(detector, "owl.jpg scaled", owl, rounds);
            RgbImage photo = ImageDecoder.decode(owl, Integer.MAX_VALUE, Integer.MAX_VALUE);
            for (Region region : List.of(new Region(608, 342, 384, 216, 1280, 720), Region.wholeFrame(1280, 720))) {
                BufferedImageCrop.compare(photo, region, rounds);
            }
        }
    }

    /** The owl test photo (512x384) scaled to 1280x720 and saved as a JPEG: a photo's texture, not flat paint. */
    private static byte[] owl() throws Exception {
        java.awt.image.BufferedImage small;
        try (java.io.InputStream in = DetectorTimings.class.getResourceAsStream("/photos/owl.jpg")) {
            small = javax.imageio.ImageIO.read(in);
        }
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(1280, 720,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = big.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(small, 0, 0, 1280, 720, null);
        g.dispose();
        return Scenes.encode(big, "jpeg");
    }

    private static void time(DetectorLocatorAdapter detector, String what, byte[] jpeg, int rounds) {
        long[] cpu = new long[4];
        int candidates = 0;
        for (int warm = 0; warm < 2; warm++) {
            java.util.Arrays.fill(cpu, 0);
            for (int i = 0; i < rounds; i++) {
                long a = CPU.getCurrentThreadCpuTime();
                RgbImage photo = ImageDecoder.decode(jpeg, Integer.MAX_VALUE, Integer.MAX_VALUE);
                long b = CPU.getCurrentThreadCpuTime();
                List<Detection> found = detector.detect(photo);
                long c = CPU.getCurrentThreadCpuTime();
                List<Detection> kept = NonMaximumSuppression.keep(found, DetectorSettings.DEFAULT_NMS_IOU);
                for (Detection box : kept) {
                    Crops.encode(photo, Crops.region(box, DetectorSettings.DEFAULT_MARGIN, 1280, 720));
                }
                long d = CPU.getCurrentThreadCpuTime();
                candidates = detector.locate(new ImageBytes(jpeg, "")).candidates().size();
                long e = CPU.getCurrentThreadCpuTime();
                cpu[0] += b - a;
                cpu[1] += c - b;
                cpu[2] += d - c;
                cpu[3] += e - d;
            }
        }
        System.out.printf(Locale.ROOT, "1280x720 JPEG, %s (%d bytes), %d rounds, CPU ms per photo: decode %.2f,"
                + " resize + run %.2f, %d crops (384x216 with margin) + encode %.2f; whole locate() %.2f%n", what,
                jpeg.length, rounds, ms(cpu[0], rounds), ms(cpu[1], rounds), candidates, ms(cpu[2], rounds),
                ms(cpu[3], rounds));
    }

    static double ms(long nanos, int rounds) {
        return nanos / 1e6 / rounds;
    }

    /** BMP (what {@link Crops} writes) against PNG: encode, decode back, size. */
    private static final class BufferedImageCrop {

        static void compare(RgbImage photo, Region region, int rounds) {
            byte[] bmp = Crops.encode(photo, region).bytes();
            java.awt.image.BufferedImage image = Scenes.decode(bmp);
            byte[] png = Scenes.encode(image, "png");
            long[] cpu = new long[4];
            for (int warm = 0; warm < 2; warm++) {
                java.util.Arrays.fill(cpu, 0);
                for (int i = 0; i < rounds; i++) {
                    long a = CPU.getCurrentThreadCpuTime();
                    Crops.encode(photo, region);
                    long b = CPU.getCurrentThreadCpuTime();
                    Scenes.encode(image, "png");
                    long c = CPU.getCurrentThreadCpuTime();
                    ImageDecoder.decode(bmp, 448, 448);
                    long d = CPU.getCurrentThreadCpuTime();
                    ImageDecoder.decode(png, 448, 448);
                    long e = CPU.getCurrentThreadCpuTime();
                    cpu[0] += b - a;
                    cpu[1] += c - b;
                    cpu[2] += d - c;
                    cpu[3] += e - d;
                }
            }
            System.out.printf(Locale.ROOT, "crop %dx%d: BMP %d bytes, encode %.2f ms, decode %.2f ms;"
                    + " PNG %d bytes, encode %.2f ms, decode %.2f ms%n", region.width(), region.height(), bmp.length,
                    ms(cpu[0], rounds), ms(cpu[2], rounds), png.length, ms(cpu[1], rounds), ms(cpu[3], rounds));
        }
    }
}
