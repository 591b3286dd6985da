package org.fieldmark.adapter.local.folder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.fieldmark.adapter.local.image.JpegStructure;

/**
 * Whether a photo's bytes prove that it is completely written, so the folder watcher may hand it
 * over at once instead of waiting for the stability delay. Only a file whose whole structure is
 * there counts: a JPEG walked marker by marker ({@link JpegStructure}, the rule the decoder uses
 * too) whose end-of-image marker is its last two bytes; a PNG walked chunk by chunk whose
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

    /** Walked picture by picture ({@link JpegStructure}): complete when the last one ends with the file. */
    private static boolean jpeg(Bytes bytes, long size) throws IOException {
        long pos = 0;
        while (true) {
            Optional<JpegStructure.Picture> picture = JpegStructure.picture(bytes, pos, size);
            if (picture.isEmpty()) {
                return false;
            }
            pos = picture.get().end();
            if (pos == size) {
                return true;
            }
            // Another JPEG may follow (Multi-Picture files); anything else after the end is not a photo's.
            if (bytes.at(pos) != 0xFF || bytes.at(pos + 1) != 0xD8) {
                return false;
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
    private static final class Bytes implements JpegStructure.Bytes {
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer window;
        private long windowStart = -1;

        Bytes(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
            this.window = ByteBuffer.allocate((int) Math.min(WINDOW, size));
        }

        @Override
        public int at(long pos) throws IOException {
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
