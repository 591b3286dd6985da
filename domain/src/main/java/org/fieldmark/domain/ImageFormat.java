package org.fieldmark.domain;

import java.util.Optional;

/** Image formats Fieldmark accepts, recognised by their first bytes rather than by a declared type. */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    BMP("image/bmp");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format whose signature starts {@code bytes}, if any. */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G'
                && bytes[4] == 0x0D && bytes[5] == 0x0A && bytes[6] == 0x1A && bytes[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if (bytes.length >= 14 && bytes[0] == 'B' && bytes[1] == 'M') {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /**
     * The first bytes in hex, for error messages about content that is not an image
     * ({@code "3c 68 74 6d 6c 3e 6e 6f"}), or {@code "nothing: 0 bytes"}.
     */
    public static String describeStart(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return "nothing: 0 bytes";
        }
        StringBuilder out = new StringBuilder(24);
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return out.toString();
    }
}
