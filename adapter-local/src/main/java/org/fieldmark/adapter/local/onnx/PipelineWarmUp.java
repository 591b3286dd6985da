package org.fieldmark.adapter.local.onnx;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.color.ICC_Profile;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Photos made up at start-up and run through decode + resize a few times before the first real
 * one, so that the first photo after a start is not the first time the JVM loads the image
 * readers, reads a colour profile or runs the resize loops (measured: 150-730 ms for the first
 * photo without this, against 5-30 ms warm; benchmarks/RESULTS.md, 2026-12-02). The images cover
 * the paths a photo takes: a JPEG decoded whole, one decoded reduced, one with an embedded
 * ICC profile (dropped before ImageIO decodes it, {@link JpegIccProfile}), a PNG and a BMP. The first
 * JPEG also loads the native decoder ({@link NativeDecoding}: extracting and linking its libraries),
 * so that the first real photo pays nothing for it.
 */
final class PipelineWarmUp {

    /** Rounds over the set: enough for the JIT to compile the decode and resize loops. */
    static final int ROUNDS = 4;

    private PipelineWarmUp() {
    }

    /** Runs {@code pipeline} (decode + resize into the model's input) over the made-up images. */
    static void run(Consumer<byte[]> pipeline) {
        List<byte[]> images = images();
        for (int round = 0; round < ROUNDS; round++) {
            for (byte[] image : images) {
                pipeline.accept(image);
            }
        }
    }

    /** The made-up images, encoded: JPEGs (plain, large enough to be subsampled, with an ICC profile), PNG, BMP. */
    static List<byte[]> images() {
        List<byte[]> images = new ArrayList<>();
        byte[] jpeg = encode(scene(640, 480), "jpeg");
        images.add(jpeg);
        images.add(encode(scene(900, 900), "jpeg"));
        images.add(withProfile(jpeg, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        BufferedImage small = scene(320, 240);
        images.add(encode(small, "png"));
        images.add(encode(small, "bmp"));
        return images;
    }

    /** Smooth colour gradients with some texture: entropy decoding and every resize weight get work. */
    private static BufferedImage scene(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        fill(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), width, height, 2, 1, 0);
        return image;
    }

    /** The JPEG with {@code profile} in an APP2 ICC_PROFILE segment after its first segment (it fits one). */
    private static byte[] withProfile(byte[] jpeg, byte[] profile) {
        byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + tag.length + 2 + profile.length;
        int firstEnd = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
        out.write(jpeg, 0, firstEnd);
        out.write(0xFF);
        out.write(0xE2);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(tag, 0, tag.length);
        out.write(1); // chunk 1
        out.write(1); // of 1
        out.write(profile, 0, profile.length);
        out.write(jpeg, firstEnd, jpeg.length - firstEnd);
        return out.toByteArray();
    }

    /** Interleaved 3-byte pixels, red, green and blue at the given offsets within each pixel. */
    private static void fill(byte[] data, int width, int height, int red, int green, int blue) {
        int p = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++, p += 3) {
                int texture = ((x * 7) ^ (y * 13)) & 31;
                data[p + red] = (byte) (x * 255 / width + texture);
                data[p + green] = (byte) (y * 255 / height + texture);
                data[p + blue] = (byte) ((x + y) * 127 / (width + height) + 2 * texture);
            }
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("this Java runtime has no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
