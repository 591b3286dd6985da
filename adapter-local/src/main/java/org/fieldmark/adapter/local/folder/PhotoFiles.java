package org.fieldmark.adapter.local.folder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;

/**
 * Which files the folder watcher treats as photos, which it ignores, and whether a photo's bytes
 * look completely written. Links are never followed: attributes are read about the link itself.
 */
final class PhotoFiles {

    private static final List<String> PHOTO_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp");
    private static final List<String> TEMPORARY_SUFFIXES = List.of(".tmp", ".part", ".partial", ".crdownload",
            ".download", ".filepart", "~");

    private PhotoFiles() {
    }

    static boolean isPhoto(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return PHOTO_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    static boolean hiddenOrTemporary(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") || TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    /** The file's own attributes (a link's, not its target's), or {@code null} when it cannot be read. */
    static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    static String modified(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().toInstant().toString();
    }

    /**
     * Whether the bytes end as a finished image does: a JPEG's end-of-image marker near the end,
     * a PNG's IEND chunk last, a BMP as long as its header says. Unknown content counts as finished.
     */
    static boolean looksComplete(Path file, long size) {
        if (size == 0) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(8, size));
            channel.read(head, 0);
            int tailLength = (int) Math.min(32, size);
            ByteBuffer tail = ByteBuffer.allocate(tailLength);
            channel.read(tail, size - tailLength);
            return endsAsItsFormatDoes(head.array(), tail.array(), size);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean endsAsItsFormatDoes(byte[] h, byte[] t, long size) {
        if (h.length >= 3 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8) {
            for (int i = t.length - 2; i >= 0; i--) {
                if ((t[i] & 0xFF) == 0xFF && (t[i + 1] & 0xFF) == 0xD9) {
                    return true;
                }
            }
            return false;
        }
        if (h.length >= 8 && (h[0] & 0xFF) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
            return t.length >= 8 && t[t.length - 8] == 'I' && t[t.length - 7] == 'E' && t[t.length - 6] == 'N'
                    && t[t.length - 5] == 'D';
        }
        if (h.length >= 6 && h[0] == 'B' && h[1] == 'M') {
            long declared = (h[2] & 0xFFL) | (h[3] & 0xFFL) << 8 | (h[4] & 0xFFL) << 16 | (h[5] & 0xFFL) << 24;
            return declared == 0 || declared <= size;
        }
        return true;
    }
}
