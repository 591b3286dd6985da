package org.fieldmark.application.testing;

import java.util.Arrays;

/** Byte sequences that start like real image files, for checks that look at signatures. */
public final class ImageSamples {

    private ImageSamples() {
    }

    /** {@code size} bytes that start with a JPEG signature. */
    public static byte[] jpeg(int size) {
        byte[] bytes = filled(size);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    /** {@code size} bytes that start with a PNG signature. */
    public static byte[] png(int size) {
        byte[] bytes = filled(size);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    /** {@code size} bytes that start with a BMP signature. */
    public static byte[] bmp(int size) {
        byte[] bytes = filled(size);
        bytes[0] = 'B';
        bytes[1] = 'M';
        return bytes;
    }

    private static byte[] filled(int size) {
        if (size < 16) {
            throw new IllegalArgumentException("samples need at least 16 bytes");
        }
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 0x5A);
        return bytes;
    }
}
