package org.fieldmark.adapter.local.photos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.PhotoStorePort;
import org.fieldmark.domain.ImageFormat;

/**
 * The photo store as a folder: one file per sighting, named by the SHA-256 of the sighting's id in
 * hex (so no id, whatever it holds, becomes a path: {@code ../}, NUL or a thousand characters all
 * hash to 64 hex digits inside the folder). Files are written to a temporary name and moved into
 * place, so a crash leaves whole photos only. The order of keeping is the files' modification
 * times, set strictly increasing, so it survives a restart: at open the folder is listed, oldest
 * first, and trimmed to the bounds (which may have shrunk). The bounds are a count and a total
 * size; the oldest photos are evicted first. Thread-safe (one lock; a photo is written under it).
 */
public final class LocalPhotoStoreAdapter implements PhotoStorePort {

    private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}");
    private static final String TEMPORARY = ".keeping-";

    private final Path folder;
    private final int maxCount;
    private final long maxBytes;
    /** File name to size, oldest first. */
    private final Map<String, Long> kept = new LinkedHashMap<>();
    private long keptBytes;
    private long lastStamp;

    private LocalPhotoStoreAdapter(Path folder, int maxCount, long maxBytes) {
        this.folder = folder;
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens (creating it when absent) the store in {@code folder}, keeping at most {@code maxCount}
     * photos of at most {@code maxBytes} together.
     *
     * @throws StorageUnavailableException when the folder cannot be created or listed
     */
    public static LocalPhotoStoreAdapter open(Path folder, int maxCount, long maxBytes) {
        Objects.requireNonNull(folder, "folder");
        if (maxCount < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a photo store keeps at least 1 photo of at least 1 byte, got "
                    + maxCount + " photos, " + maxBytes + " bytes");
        }
        LocalPhotoStoreAdapter store = new LocalPhotoStoreAdapter(folder.toAbsolutePath().normalize(), maxCount,
                maxBytes);
        store.load();
        return store;
    }

    /** The folder the photos are kept in. */
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized void keep(String sightingId, ImageBytes photo) {
        Objects.requireNonNull(photo, "photo");
        String name = nameOf(sightingId);
        if (photo.length() > maxBytes) {
            return;
        }
        Path temporary = folder.resolve(TEMPORARY + UUID.randomUUID());
        try {
            Files.write(temporary, photo.bytes());
            // Strictly increasing times: the order of keeping, read back at the next start.
            lastStamp = Math.max(System.currentTimeMillis(), lastStamp + 1);
            Files.setLastModifiedTime(temporary, FileTime.fromMillis(lastStamp));
            Files.move(temporary, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageUnavailableException("cannot keep the photo of sighting '" + sightingId + "' in "
                    + folder + ": " + e, true, e);
        }
        Long before = kept.remove(name);
        keptBytes -= before == null ? 0 : before;
        kept.put(name, (long) photo.length());
        keptBytes += photo.length();
        evict();
    }

    @Override
    public Optional<ImageBytes> photo(String sightingId) {
        String name = nameOf(sightingId);
        synchronized (this) {
            if (!kept.containsKey(name)) {
                return Optional.empty();
            }
        }
        try {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            return Optional.of(new ImageBytes(bytes, ImageFormat.sniff(bytes).map(ImageFormat::mediaType).orElse("")));
        } catch (NoSuchFileException e) {
            // Evicted while it was being asked for, or deleted by hand.
            forget(name);
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot read the photo of sighting '" + sightingId + "' in "
                    + folder + ": " + e, true, e);
        }
    }

    @Override
    public synchronized boolean has(String sightingId) {
        return kept.containsKey(nameOf(sightingId));
    }

    /** How many photos are kept. */
    public synchronized int count() {
        return kept.size();
    }

    /** How many bytes of photos are kept. */
    public synchronized long bytes() {
        return keptBytes;
    }

    /** The file name of a sighting's photo: the SHA-256 of its id, in hex. */
    static String nameOf(String sightingId) {
        Objects.requireNonNull(sightingId, "sightingId");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sightingId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private synchronized void forget(String name) {
        Long size = kept.remove(name);
        keptBytes -= size == null ? 0 : size;
    }

    /** Oldest first, until both bounds hold. */
    private void evict() {
        Iterator<Map.Entry<String, Long>> oldest = kept.entrySet().iterator();
        while ((kept.size() > maxCount || keptBytes > maxBytes) && oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            deleteQuietly(folder.resolve(entry.getKey()));
            keptBytes -= entry.getValue();
            oldest.remove();
        }
    }

    private record Found(String name, long size, long modified) {
    }

    private synchronized void load() {
        List<Found> found = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(TEMPORARY)) {
                        deleteQuietly(file); // a photo a crash left half written
                    } else if (NAME.matcher(name).matches() && Files.isRegularFile(file)) {
                        found.add(new Found(name, Files.size(file), Files.getLastModifiedTime(file).toMillis()));
                    }
                }
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("cannot open the photo store " + folder + ": " + e
                    + "; check photos.dir", false, e);
        }
        found.sort(Comparator.comparingLong(Found::modified).thenComparing(Found::name));
        for (Found file : found) {
            kept.put(file.name(), file.size());
            keptBytes += file.size();
            lastStamp = Math.max(lastStamp, file.modified());
        }
        evict();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left behind: the next start lists it again and evicts it then.
        }
    }
}
