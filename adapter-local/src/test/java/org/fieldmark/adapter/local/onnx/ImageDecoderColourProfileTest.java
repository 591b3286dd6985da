package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * PIL's {@code convert('RGB')}, which the model's reference pipeline uses, ignores a JPEG's
 * embedded ICC profile; the decoder keeps the stored samples too, which also skips a colour
 * conversion that took half the decoding time of a camera photo.
 */
class ImageDecoderColourProfileTest {

    @Test
    void decodesAPhotosSamplesWithoutConvertingThemThroughItsProfile() throws Exception {
        // owl.jpg carries an sRGB IEC61966-2.1 profile; by default ImageIO converts through it.
        byte[] owl = Photos.bytes(Photos.OWL);
        byte[] stored = JpegIccProfile.strip(owl);

        RgbImage decoded = ImageDecoder.decode(owl, 1_000, 1_000);

        assertThat(JpegIccProfile.present(owl)).isTrue();
        assertThat(decoded.rgb()).isEqualTo(ImageDecoder.toRgb(ImageIO.read(new ByteArrayInputStream(stored))).rgb());
    }

    @Test
    void decodesTheSamePixelsWithOrWithoutAnSrgbProfile() {
        byte[] plain = Photos.encode(stripes(), "jpeg");
        byte[] profiled = withIccProfile(plain, iccProfileOf(Photos.bytes(Photos.OWL)));

        RgbImage expected = ImageDecoder.decode(plain, 1_000, 1_000);
        RgbImage decoded = ImageDecoder.decode(profiled, 1_000, 1_000);

        assertThat(profiled.length).isGreaterThan(plain.length);
        assertThat(JpegIccProfile.present(profiled)).isTrue();
        assertThat(decoded.width()).isEqualTo(64);
        assertThat(decoded.rgb()).isEqualTo(expected.rgb());
    }

    @Test
    void keepsTheStoredSamplesOfAJpegWhoseProfileImageIoWouldConvertThem() throws Exception {
        // For a linear-light profile ImageIO converts every pixel to sRGB (brighter) when it reads the profile.
        byte[] plain = Photos.encode(stripes(), "jpeg");
        byte[] linear = withIccProfile(plain, ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());

        RgbImage decoded = ImageDecoder.decode(linear, 1_000, 1_000);

        assertThat(decoded.width()).isEqualTo(64);
        assertThat(decoded.height()).isEqualTo(32);
        assertThat(decoded.rgb()).isEqualTo(ImageDecoder.decode(plain, 1_000, 1_000).rgb());
        assertThat(decoded.rgb()).isNotEqualTo(ImageDecoder.toRgb(ImageIO.read(new ByteArrayInputStream(linear))).rgb());
    }

    private static BufferedImage stripes() {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        Color[] colours = {new Color(128, 64, 32), new Color(40, 160, 90), new Color(90, 90, 200), Color.GRAY};
        for (int i = 0; i < colours.length; i++) {
            g.setColor(colours[i]);
            g.fillRect(i * 16, 0, 16, 32);
        }
        g.dispose();
        return image;
    }

    /** The profile bytes of the first APP2 ICC_PROFILE segment. */
    private static byte[] iccProfileOf(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == 0xE2) {
                int data = at + 4 + 14;
                return java.util.Arrays.copyOfRange(jpeg, data, at + 2 + length);
            }
            at += 2 + length;
        }
        throw new IllegalStateException("no ICC profile in the photo");
    }

    /** Inserts an APP2 ICC_PROFILE segment right after the JPEG's start-of-image marker. */
    private static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + tag.length + 2 + profile.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE2);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(tag);
        out.write(1);
        out.write(1);
        out.writeBytes(profile);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
