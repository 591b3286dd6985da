package org.fieldmark.adapter.local.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds and drops a JPEG's embedded ICC profile (APP2 {@code ICC_PROFILE} segments). The decoder
 * keeps a photo's samples as stored, as PIL's {@code convert('RGB')} does, so the profile never
 * changes a pixel; but ImageIO still parses it and builds a colour space from it for every photo,
 * which cost about 3 ms per photo here (owl.jpg 5.6 -> 2.7 ms decode + resize, benchmarks/RESULTS.md).
 * Only the header segments before the first scan are looked at; the rest is copied as it is.
 */
final class JpegIccProfile {

    private static final byte[] TAG = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int APP2 = 0xE2;

    private JpegIccProfile() {
    }

    /** {@code true} when the JPEG's header holds an ICC profile segment. */
    static boolean present(byte[] jpeg) {
        return strip(jpeg) != jpeg;
    }

    /**
     * The JPEG without its ICC profile segments, or {@code jpeg} itself (the same array) when it
     * has none or its header cannot be walked (ImageIO then reports what is wrong with it).
     */
    static byte[] strip(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            return jpeg;
        }
        ByteArrayOutputStream out = null;
        int copiedUpTo = 0;
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // a fill byte before the marker
                continue;
            }
            if (marker == SOS) {
                break;
            }
            int end = at + 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
            if (end > jpeg.length || end < at + 4) {
                return jpeg;
            }
            if (marker == APP2 && isIcc(jpeg, at + 4, end)) {
                if (out == null) {
                    out = new ByteArrayOutputStream(jpeg.length);
                }
                out.write(jpeg, copiedUpTo, at - copiedUpTo);
                copiedUpTo = end;
            }
            at = end;
        }
        if (out == null) {
            return jpeg;
        }
        out.write(jpeg, copiedUpTo, jpeg.length - copiedUpTo);
        return out.toByteArray();
    }

    private static boolean isIcc(byte[] jpeg, int from, int end) {
        return end - from >= TAG.length && Arrays.equals(jpeg, from, from + TAG.length, TAG, 0, TAG.length);
    }
}
