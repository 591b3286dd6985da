package org.fieldmark.adapter.local.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A JPEG walked marker by marker: segment lengths, then the entropy-coded data of every scan (stuffed
 * {@code FF 00}, restart markers and fill bytes belong to the data), up to the end-of-image marker
 * that follows at least one scan. A picture is complete only when that walk reaches its end-of-image
 * marker inside the bytes; a cut anywhere (also right after an embedded thumbnail's end-of-image
 * marker, which a look at the last bytes alone would take for the end) leaves it incomplete.
 */
public final class JpegStructure {

    private JpegStructure() {
    }

    /** Bytes read by position. */
    @FunctionalInterface
    public interface Bytes {
        /** The byte at {@code pos} (0-255), or -1 past the end. */
        int at(long pos) throws IOException;

        /** The position of the first 0xFF byte at or after {@code pos}, or -1 when there is none. */
        default long nextFf(long pos) throws IOException {
            long p = pos;
            for (int b = at(p); b >= 0; b = at(++p)) {
                if (b == 0xFF) {
                    return p;
                }
            }
            return -1;
        }
    }

    /** A JPEG in memory: the scan for markers runs over the array itself (most of a photo is entropy-coded data). */
    private record InMemory(byte[] jpeg) implements Bytes {

        @Override
        public int at(long pos) {
            return pos >= 0 && pos < jpeg.length ? jpeg[(int) pos] & 0xFF : -1;
        }

        @Override
        public long nextFf(long pos) {
            for (int p = (int) Math.max(0, pos); p < jpeg.length; p++) {
                if (jpeg[p] == (byte) 0xFF) {
                    return p;
                }
            }
            return -1;
        }
    }

    /**
     * The first frame header (SOF) of a picture.
     *
     * @param marker     the SOF marker's second byte: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, ...
     * @param precision  bits per sample
     * @param width      samples per line
     * @param height     lines (0 when a DNL marker declares them later)
     * @param components colour components (1 grey, 3 colour, 4 CMYK or YCCK)
     */
    public record Frame(int marker, int precision, int width, int height, int components) {

        /** Huffman-coded baseline, extended or progressive 8-bit grey or colour: what every JPEG decoder reads. */
        public boolean plain() {
            return (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) && precision == 8 && width > 0
                    && height > 0 && (components == 1 || components == 3);
        }
    }

    /** A picture walked: where it ends (just after its end-of-image marker), and its first frame header. */
    public record Picture(long end, Optional<Frame> frame) {
    }

    /**
     * The first picture of {@code jpeg} when it is complete through its end-of-image marker (bytes after
     * it, a second picture or padding, are not looked at); empty when it is cut, has no scan, or does
     * not start with a start-of-image marker.
     */
    public static Optional<Picture> firstPicture(byte[] jpeg) {
        try {
            return picture(new InMemory(jpeg), 0, jpeg.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // bytes in memory cannot fail to be read
        }
    }

    /**
     * Walks the picture whose start-of-image marker is at {@code start}, within the first {@code size}
     * bytes: the picture when it is complete, empty when it is not.
     */
    public static Optional<Picture> picture(Bytes bytes, long start, long size) throws IOException {
        if (bytes.at(start) != 0xFF || bytes.at(start + 1) != 0xD8) {
            return Optional.empty();
        }
        long pos = start + 2;
        boolean scanned = false;
        Frame frame = null;
        while (true) {
            if (bytes.at(pos) != 0xFF) {
                return Optional.empty();
            }
            int marker = bytes.at(pos + 1);
            while (marker == 0xFF) {
                pos++;
                marker = bytes.at(pos + 1);
            }
            if (marker < 0) {
                return Optional.empty();
            }
            if (marker == 0xD9) {
                return scanned ? Optional.of(new Picture(pos + 2, Optional.ofNullable(frame))) : Optional.empty();
            } else if (marker == 0xD8 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                pos += 2;
            } else {
                long end = segmentEnd(bytes, pos, size);
                if (end < 0) {
                    return Optional.empty();
                }
                if (frame == null && isFrameHeader(marker) && end - pos >= 10) {
                    frame = new Frame(marker, bytes.at(pos + 4), bytes.at(pos + 7) << 8 | bytes.at(pos + 8),
                            bytes.at(pos + 5) << 8 | bytes.at(pos + 6), bytes.at(pos + 9));
                }
                pos = end;
                if (marker == 0xDA) {
                    scanned = true;
                    pos = entropyEnd(bytes, pos);
                    if (pos < 0) {
                        return Optional.empty();
                    }
                }
            }
        }
    }

    /** SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The position after the marker segment at {@code pos}, or -1 when the bytes end inside it. */
    private static long segmentEnd(Bytes bytes, long pos, long size) throws IOException {
        int high = bytes.at(pos + 2);
        int low = bytes.at(pos + 3);
        if (high < 0 || low < 0 || (high << 8 | low) < 2) {
            return -1;
        }
        long end = pos + 2 + (high << 8 | low);
        return end <= size ? end : -1;
    }

    /**
     * The position of the first marker after a scan's entropy-coded data, or -1 when the bytes end
     * first.
     */
    private static long entropyEnd(Bytes bytes, long pos) throws IOException {
        long p = pos;
        while (true) {
            p = bytes.nextFf(p);
            if (p < 0) {
                return -1;
            }
            int next = bytes.at(p + 1);
            if (next < 0) {
                return -1;
            }
            if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                p += 2;
            } else if (next == 0xFF) {
                p++;
            } else {
                return p;
            }
        }
    }
}
