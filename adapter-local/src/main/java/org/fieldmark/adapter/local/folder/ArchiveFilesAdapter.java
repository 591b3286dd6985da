package org.fieldmark.adapter.local.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.ArchivedPhoto;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.PhotoArchivePort;
import org.fieldmark.application.port.out.StoredImage;

/**
 * Photo files anywhere on this machine, as an archive: the key is the file's path (as listed, e.g.
 * {@code photos/2019/jay.jpg} or an absolute one), references have no bucket. Unlike the watched
 * folder it is not confined to one folder: the user names the files. The version of a photo is the
 * SHA-256 of its content, so a photo recorded once is found again by a later run (and not recorded
 * twice) while an edited file is a new photo. When it was taken: EXIF DateTimeOriginal (in the
 * camera's offset when written, else {@code zone}), else the file's last-modified time.
 */
public final class ArchiveFilesAdapter implements ImageStoragePort, PhotoArchivePort {

    /** Bytes searched for the EXIF segment: it comes first in a JPEG, well within this. */
    private static final int EXIF_WINDOW = 256 * 1024;

    private final long maxBytes;
    private final ZoneId zone;

    /**
     * @param maxBytes photos above this size are refused before they are read
     * @param zone     the zone of camera times written without an offset
     */
    public ArchiveFilesAdapter(long maxBytes, ZoneId zone) {
        if (maxBytes < 1) {
            throw new ConfigurationInvalidException(List.of("the image size limit must be at least 1 byte, got "
                    + maxBytes));
        }
        this.maxBytes = maxBytes;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public StoredImage fetch(ImageReference reference) {
        Path file = file(reference);
        long size = attributes(reference, file).size();
        if (size == 0) {
            throw new EmptyImageException("image '" + reference.key() + "' is empty (0 bytes)");
        }
        if (size > maxBytes) {
            throw new ImageTooLargeException("image '" + reference.key() + "'", size, maxBytes);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE));
        } catch (IOException e) {
            throw failure(reference, e);
        }
        if (bytes.length > maxBytes) {
            throw new ImageTooLargeException("image '" + reference.key() + "'", bytes.length, maxBytes);
        }
        if (bytes.length == 0) {
            throw new EmptyImageException("image '" + reference.key() + "' is empty (0 bytes)");
        }
        return new StoredImage(reference, new ImageBytes(bytes,
                FolderImageStorageAdapter.contentType(String.valueOf(file.getFileName()))), version(sha256(bytes)));
    }

    @Override
    public ArchivedPhoto inspect(ImageReference reference) {
        Path file = file(reference);
        BasicFileAttributes attributes = attributes(reference, file);
        MessageDigest digest = sha256();
        byte[] head = new byte[0];
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                if (head.length < EXIF_WINDOW) {
                    int keep = Math.min(read, EXIF_WINDOW - head.length);
                    head = Arrays.copyOf(head, head.length + keep);
                    System.arraycopy(buffer, 0, head, head.length - keep, keep);
                }
            }
        } catch (IOException e) {
            throw failure(reference, e);
        }
        Optional<Instant> exif = ExifDates.taken(head, zone);
        return exif.map(taken -> new ArchivedPhoto(version(digest.digest()), taken, "exif"))
                .orElseGet(() -> new ArchivedPhoto(version(digest.digest()),
                        attributes.lastModifiedTime().toInstant(), "file"));
    }

    private static Path file(ImageReference reference) {
        try {
            return Path.of(reference.key());
        } catch (java.nio.file.InvalidPathException e) {
            throw new ImageNotFoundException("'" + reference.key() + "' is not a path on this machine: "
                    + e.getMessage(), e);
        }
    }

    private static BasicFileAttributes attributes(ImageReference reference, Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw failure(reference, e);
        }
        if (!attributes.isRegularFile()) {
            throw new ImageNotFoundException("'" + reference.key() + "' is a "
                    + (attributes.isDirectory() ? "folder" : "special file") + ", not an image file");
        }
        return attributes;
    }

    private static RuntimeException failure(ImageReference reference, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ImageNotFoundException("no file at '" + reference.key() + "' (moved or deleted?)", e);
        }
        boolean denied = e instanceof AccessDeniedException;
        return new StorageUnavailableException("'" + reference.key() + "' cannot be read: "
                + (denied ? "permission denied" : e.toString()), !denied, e);
    }

    private static String version(byte[] sha256) {
        return "sha256:" + HexFormat.of().formatHex(sha256);
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ArchiveFilesAdapter[max " + maxBytes + " bytes, camera times in " + zone + "]";
    }
}
