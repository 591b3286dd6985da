package org.fieldmark.adapter.local.folder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a photo's bytes prove that it is completely written, so the folder watcher may hand it
 * over at once instead of waiting for the stability delay. Only a file whose whole structure is
 * there counts: a JPEG walked marker by marker (segment lengths, then the entropy-coded data of
 * every scan) whose end-of-image marker is its last two bytes; a PNG walked chunk by chunk whose
 * IEND chunk ends exactly at the end of the file; a BMP exactly as long as its header declares.
 *
 * <p>Everything else is not proven complete and waits for the stability delay: a cut anywhere
 * (also right after an embedded thumbnail's end-of-image marker, which a look at the last bytes
 * alone would take for the end), bytes after the end-of-image marker (zero padding included: a
 * file preallocated to its final size looks the same), a BMP whose header leaves the size at 0,
 * any other format. Several JPEGs one after the other (a Multi-Picture file, as phones write) are
 * complete when the last one is.
 */
final class CompletePhotos {

    private static final int WINDOW = 64 * 1024;

    private CompletePhotos() {
    }

    /** Whether the file, {@code size} bytes long when its attributes were read, is a complete photo. */
    static boolean proven(Path file, long size) {
        if (size < 8) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            Bytes bytes = new Bytes(channel, size);
            boolean complete;
            if (bytes.at(0) == 0xFF && bytes.at(1) == 0xD8) {
                complete = jpeg(bytes, size);
            } else if (bytes.at(0) == 0x89 && bytes.at(1) == 'P' && bytes.at(2) == 'N' && bytes.at(3) == 'G') {
                complete = png(bytes, size);
            } else if (bytes.at(0) == 'B' && bytes.at(1) == 'M') {
                complete = bmp(bytes, size);
            } else {
                complete = false;
            }
            // Still growing while it was read: what was read is not the whole file.
            return complete && channel.size() == size;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean jpeg(Bytes bytes, long size) throws IOException {
        long pos = 2;
        boolean scanned = false;
        while (true) {
            if (bytes.at(pos) != 0xFF) {
                return false;
            }
            int marker = bytes.at(pos + 1);
            while (marker == 0xFF) {
                pos++;
                marker = bytes.at(pos + 1);
            }
            if (marker < 0) {
                return false;
            }
            if (marker == 0xD9) {
                if (!scanned) {
                    return false;
                }
                if (pos + 2 == size) {
                    return true;
                }
                // Another JPEG may follow (Multi-Picture files); anything else after the end is not a photo's.
                if (bytes.at(pos + 2) != 0xFF || bytes.at(pos + 3) != 0xD8) {
                    return false;
                }
                pos += 4;
                scanned = false;
            } else if (marker == 0xD8 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                pos += 2;
            } else {
                pos = segmentEnd(bytes, pos, size);
                if (pos < 0) {
                    return false;
                }
                if (marker == 0xDA) {
                    scanned = true;
                    pos = entropyEnd(bytes, pos);
                    if (pos < 0) {
                        return false;
                    }
                }
            }
        }
    }

    /** The position after the marker segment at {@code pos}, or -1 when the file ends inside it. */
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
     * The position of the first marker after a scan's entropy-coded data (stuffed {@code FF 00},
     * restart markers and fill bytes belong to the data), or -1 when the file ends first.
     */
    private static long entropyEnd(Bytes bytes, long pos) throws IOException {
        long p = pos;
        while (true) {
            int b = bytes.at(p);
            if (b < 0) {
                return -1;
            }
            if (b != 0xFF) {
                p++;
                continue;
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

    private static boolean png(Bytes bytes, long size) throws IOException {
        if (bytes.at(4) != 0x0D || bytes.at(5) != 0x0A || bytes.at(6) != 0x1A || bytes.at(7) != 0x0A) {
            return false;
        }
        long pos = 8;
        while (pos + 12 <= size) {
            long length = bytes.bigEndian32(pos);
            boolean end = bytes.at(pos + 4) == 'I' && bytes.at(pos + 5) == 'E' && bytes.at(pos + 6) == 'N'
                    && bytes.at(pos + 7) == 'D';
            long next = pos + 12 + length;
            if (end) {
                return length == 0 && next == size;
            }
            pos = next;
        }
        return false;
    }

    private static boolean bmp(Bytes bytes, long size) throws IOException {
        long declared = bytes.littleEndian32(2);
        long pixelsAt = bytes.littleEndian32(10);
        return declared == size && pixelsAt >= 26 && pixelsAt < size;
    }

    /** The file's first {@code size} bytes, read through a window that moves as they are asked for. */
    private static final class Bytes {
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer window;
        private long windowStart = -1;

        Bytes(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
            this.window = ByteBuffer.allocate((int) Math.min(WINDOW, size));
        }

        /** The byte at {@code pos} (0-255), or -1 past the end. */
        int at(long pos) throws IOException {
            if (pos < 0 || pos >= size) {
                return -1;
            }
            if (windowStart < 0 || pos < windowStart || pos >= windowStart + window.limit()) {
                window.clear();
                while (window.hasRemaining() && channel.read(window, pos + window.position()) > 0) {
                    // fill the window; a short read means the file is shorter than its attributes said
                }
                window.flip();
                windowStart = pos;
                if (window.limit() == 0) {
                    windowStart = -1;
                    return -1;
                }
            }
            return window.get((int) (pos - windowStart)) & 0xFF;
        }

        long bigEndian32(long pos) throws IOException {
            long value = 0;
            for (int i = 0; i < 4; i++) {
                int b = at(pos + i);
                if (b < 0) {
                    return Long.MAX_VALUE / 2;
                }
                value = value << 8 | b;
            }
            return value;
        }

        long littleEndian32(long pos) throws IOException {
            long value = 0;
            for (int i = 3; i >= 0; i--) {
                int b = at(pos + i);
                if (b < 0) {
                    return -1;
                }
                value = value << 8 | b;
            }
            return value;
        }
    }
}
