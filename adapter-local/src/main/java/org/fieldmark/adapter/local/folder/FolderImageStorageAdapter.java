package org.fieldmark.adapter.local.folder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;

/**
 * A local folder as the image bucket. Keys are {@code /}-separated paths relative to the folder
 * ({@code garden/2026-05-01/jay.jpg}); references have no bucket. Nothing outside the folder can
 * be read: keys with {@code ..}, {@code .}, empty segments, backslashes or a leading {@code /}
 * are refused, and a file reached through a symbolic link that leads out of the folder is
 * reported as not found. The content type comes from the file name ({@code .jpg}/{@code .jpeg},
 * {@code .png}, {@code .bmp}; other names get the JDK's guess or none); the version is
 * {@code <size>-<modified millis>}. Files are only ever read.
 */
public final class FolderImageStorageAdapter implements ImageStoragePort {

    /** 6 MB, as the other stores. */
    public static final long DEFAULT_MAX_BYTES = 6L * 1024 * 1024;

    private final Path root;
    private final long maxBytes;

    /**
     * @param root     the folder; created (with its parents) when absent
     * @param maxBytes images above this size are refused before they are read
     * @throws ConfigurationInvalidException when the folder cannot be created or is not a folder
     */
    public FolderImageStorageAdapter(Path root, long maxBytes) {
        Objects.requireNonNull(root, "root");
        if (maxBytes < 1) {
            throw new ConfigurationInvalidException(List.of("the image size limit must be at least 1 byte, got "
                    + maxBytes));
        }
        this.root = openRoot(root);
        this.maxBytes = maxBytes;
    }

    /** A folder store with the {@linkplain #DEFAULT_MAX_BYTES default} size limit. */
    public FolderImageStorageAdapter(Path root) {
        this(root, DEFAULT_MAX_BYTES);
    }

    /** The folder, as a real (link-free, absolute) path. */
    public Path root() {
        return root;
    }

    /** A regular file inside the folder (links out of it are not followed); a key it refuses is not there. */
    @Override
    public boolean exists(ImageReference reference) {
        try {
            Path real = resolve(root, reference).toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public StoredImage fetch(ImageReference reference) {
        Objects.requireNonNull(reference, "reference");
        Path file = resolve(root, reference);
        Path real;
        BasicFileAttributes attributes;
        try {
            real = file.toRealPath();
            if (!real.startsWith(root)) {
                throw new ImageNotFoundException("no image at '" + reference.key() + "' in the folder: it is a link "
                        + "to a place outside the folder, which is never followed");
            }
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ImageNotFoundException("no image at '" + reference.key() + "' in the folder " + root, e);
        } catch (IOException e) {
            throw unavailable(reference, e);
        }
        if (!attributes.isRegularFile()) {
            throw new ImageNotFoundException("no image at '" + reference.key() + "': it is a "
                    + (attributes.isDirectory() ? "folder" : "special file") + ", not an image file");
        }
        long size = attributes.size();
        if (size == 0) {
            throw new EmptyImageException("image '" + reference.key() + "' is empty (0 bytes); copy the photo again");
        }
        if (size > maxBytes) {
            throw new ImageTooLargeException("image '" + reference.key() + "'", size, maxBytes);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // The file may have grown since it was measured: never read more than the limit allows.
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE));
        } catch (NoSuchFileException e) {
            throw new ImageNotFoundException("no image at '" + reference.key() + "' in the folder " + root, e);
        } catch (IOException e) {
            throw unavailable(reference, e);
        }
        if (bytes.length > maxBytes) {
            throw new ImageTooLargeException("image '" + reference.key() + "'", bytes.length, maxBytes);
        }
        if (bytes.length == 0) {
            throw new EmptyImageException("image '" + reference.key() + "' is empty (0 bytes); copy the photo again");
        }
        String version = size + "-" + attributes.lastModifiedTime().toMillis();
        return new StoredImage(reference, new ImageBytes(bytes, contentType(real.getFileName().toString())), version);
    }

    /** The media type a file name stands for: our three image types, else the JDK's guess, else none. */
    static String contentType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".bmp")) {
            return "image/bmp";
        }
        String guess = URLConnection.guessContentTypeFromName(lower);
        return guess == null ? "" : guess;
    }

    /**
     * The path a key names inside {@code root}, refusing keys that could leave it.
     *
     * @throws InvalidRequestException naming what is wrong with the key
     */
    static Path resolve(Path root, ImageReference reference) {
        if (!reference.bucket().isEmpty()) {
            throw new InvalidRequestException("the folder store has no buckets, got bucket '" + reference.bucket()
                    + "' for key '" + reference.key() + "'; give the path inside the folder as the key");
        }
        String key = reference.key();
        if (key.indexOf('\0') >= 0) {
            throw new InvalidRequestException("image key '" + key.replace('\0', '?')
                    + "' contains a NUL character; use a plain file path inside the folder");
        }
        if (key.indexOf('\\') >= 0) {
            throw new InvalidRequestException("image key '" + key + "' contains a backslash; separate folders with '/'");
        }
        if (key.startsWith("/")) {
            throw new InvalidRequestException("image key '" + key + "' is an absolute path; give the path relative "
                    + "to the folder, e.g. 'garden/jay.jpg'");
        }
        Path path = root;
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidRequestException("image key '" + key + "' has a '" + segment + "' path segment; "
                        + "keys are plain paths inside the folder, without '.', '..' or '//'");
            }
            path = path.resolve(segment);
        }
        if (!path.normalize().startsWith(root)) {
            throw new InvalidRequestException("image key '" + key + "' points outside the folder");
        }
        return path;
    }

    static Path openRoot(Path root) {
        try {
            Files.createDirectories(root);
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ConfigurationInvalidException(List.of("image folder " + root.toAbsolutePath()
                        + " is not a folder; point it at a directory"));
            }
            return real;
        } catch (IOException e) {
            throw new ConfigurationInvalidException(List.of("image folder " + root.toAbsolutePath()
                    + " cannot be created or opened (" + e + "); point it at a writable directory"));
        }
    }

    private static StorageUnavailableException unavailable(ImageReference reference, IOException e) {
        boolean denied = e instanceof AccessDeniedException;
        return new StorageUnavailableException("image '" + reference.key() + "' cannot be read from the folder: "
                + (denied ? "access denied; let the server's user read it" : e.toString()), !denied, e);
    }

    @Override
    public String toString() {
        return "FolderImageStorageAdapter[" + root + ", max " + maxBytes + " bytes]";
    }
}
