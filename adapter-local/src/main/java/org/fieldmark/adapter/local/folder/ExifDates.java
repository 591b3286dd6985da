package org.fieldmark.adapter.local.folder;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The time a camera says a JPEG was taken: EXIF's DateTimeOriginal (tag 0x9003 of the Exif IFD), read
 * in its OffsetTimeOriginal (0x9011) when the camera wrote one, else in a given zone (cameras keep
 * local time). Only what that needs is read: the APP1 {@code Exif} segment's TIFF header, IFD0's
 * pointer to the Exif IFD, and the two ASCII values; anything malformed, truncated or absent is
 * simply no time. A hand-written reader (about a hundred lines) instead of a metadata library of
 * half a megabyte that would read everything else too.
 */
final class ExifDates {

    private static final int EXIF_IFD_POINTER = 0x8769;
    private static final int DATE_TIME_ORIGINAL = 0x9003;
    private static final int OFFSET_TIME_ORIGINAL = 0x9011;
    private static final int ASCII = 2;
    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss");

    private ExifDates() {
    }

    /** The photo's DateTimeOriginal, or empty when the bytes are no JPEG or carry none that can be read. */
    static Optional<Instant> taken(byte[] jpeg, ZoneId zone) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return Optional.empty();
        }
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xD9 || marker == 0xDA) {
                return Optional.empty(); // end of image, or the pixels begin: no metadata follows
            }
            int length = (jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF;
            int payload = at + 4;
            if (length < 2 || payload + length - 2 > jpeg.length) {
                return Optional.empty();
            }
            if (marker == 0xE1 && length >= 8 && startsWith(jpeg, payload, "Exif\0\0")) {
                return new Tiff(jpeg, payload + 6, payload + length - 2).taken(zone);
            }
            at = payload + length - 2;
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int at, String text) {
        byte[] expected = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < expected.length; i++) {
            if (at + i >= bytes.length || bytes[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** A TIFF structure inside the segment {@code [start, end)}; offsets count from {@code start}. */
    private record Tiff(byte[] bytes, int start, int end) {

        Optional<Instant> taken(ZoneId zone) {
            if (end - start < 8 || !(startsWith(bytes, start, "II") || startsWith(bytes, start, "MM"))
                    || unsigned16(2) != 42) {
                return Optional.empty();
            }
            long exifIfd = entryValue(unsigned32(4), EXIF_IFD_POINTER);
            if (exifIfd < 0) {
                return Optional.empty();
            }
            String original = ascii(exifIfd, DATE_TIME_ORIGINAL);
            if (original == null) {
                return Optional.empty();
            }
            try {
                LocalDateTime local = LocalDateTime.parse(original, EXIF_TIME);
                String offset = ascii(exifIfd, OFFSET_TIME_ORIGINAL);
                ZoneId in = zone;
                if (offset != null) {
                    try {
                        in = ZoneOffset.of(offset);
                    } catch (DateTimeException e) {
                        in = zone; // an unreadable offset: the camera's local time in the given zone
                    }
                }
                return Optional.of(local.atZone(in).toInstant());
            } catch (DateTimeException e) {
                return Optional.empty(); // "0000:00:00 00:00:00" and other unset or garbled times
            }
        }

        private boolean little() {
            return bytes[start] == 'I';
        }

        private int unsigned16(long offset) {
            int a = bytes[(int) (start + offset)] & 0xFF;
            int b = bytes[(int) (start + offset + 1)] & 0xFF;
            return little() ? b << 8 | a : a << 8 | b;
        }

        private long unsigned32(long offset) {
            long high = unsigned16(little() ? offset + 2 : offset);
            long low = unsigned16(little() ? offset : offset + 2);
            return high << 16 | low;
        }

        private boolean inside(long offset, long length) {
            return offset >= 0 && length >= 0 && start + offset + length <= end;
        }

        /** The offset of {@code tag}'s 12-byte entry in the IFD at {@code ifd}, or -1. */
        private long entry(long ifd, int tag) {
            if (!inside(ifd, 2)) {
                return -1;
            }
            int count = unsigned16(ifd);
            for (int i = 0; i < count; i++) {
                long entry = ifd + 2 + 12L * i;
                if (!inside(entry, 12)) {
                    return -1;
                }
                if (unsigned16(entry) == tag) {
                    return entry;
                }
            }
            return -1;
        }

        private long entryValue(long ifd, int tag) {
            long entry = entry(ifd, tag);
            return entry < 0 ? -1 : unsigned32(entry + 8);
        }

        /** An ASCII value without its terminating NUL, or {@code null}. */
        private String ascii(long ifd, int tag) {
            long entry = entry(ifd, tag);
            if (entry < 0 || unsigned16(entry + 2) != ASCII) {
                return null;
            }
            long count = unsigned32(entry + 4);
            long at = count <= 4 ? entry + 8 : unsigned32(entry + 8);
            if (count < 1 || count > 64 || !inside(at, count)) {
                return null;
            }
            String text = new String(bytes, (int) (start + at), (int) count, StandardCharsets.US_ASCII);
            int nul = text.indexOf('\0');
            return (nul >= 0 ? text.substring(0, nul) : text).strip();
        }
    }
}
