package org.fieldmark.adapter.local.folder;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.fieldmark.application.error.ConfigurationInvalidException;

/**
 * The watched folder and its subfolders: finds the photos in them, quickly through java.nio's
 * {@link WatchService} and surely through a full rescan, and reports each one it sees (as a key
 * relative to the folder, with its attributes). Hidden and temporary files and folders are skipped
 * and symbolic links are never followed. Used by the watcher's thread only.
 */
final class FolderTree implements AutoCloseable {

    private final Path root;
    private final Logger log;
    private final BiConsumer<String, BasicFileAttributes> photoSeen;
    private final WatchService watchService;
    private final Map<WatchKey, Path> watchedFolders = new HashMap<>();
    private final Set<Path> watchedPaths = new HashSet<>();

    /** @throws ConfigurationInvalidException when the folder cannot be watched */
    FolderTree(Path root, Logger log, BiConsumer<String, BasicFileAttributes> photoSeen) {
        this.root = root;
        this.log = log;
        this.photoSeen = photoSeen;
        try {
            this.watchService = root.getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new ConfigurationInvalidException(List.of("cannot watch folder " + root + " (" + e + ")"));
        }
    }

    /** Walks the whole folder: watches every folder not watched yet and reports every photo. */
    void rescan() {
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new Walk());
        } catch (IOException e) {
            log.log(Level.WARNING, "cannot scan folder " + root + ": " + e);
        }
    }

    /**
     * Waits up to {@code tickNanos} for change events and reports the photos they name.
     *
     * @return {@code true} when events were lost (or a folder appeared) and a rescan is due
     */
    boolean awaitChanges(long tickNanos) throws InterruptedException {
        boolean lost = false;
        WatchKey key = watchService.poll(tickNanos, TimeUnit.NANOSECONDS);
        while (key != null) {
            lost |= handle(key);
            key = watchService.poll();
        }
        return lost;
    }

    /** The file's key: its path relative to the folder, with {@code /} between the parts. */
    String key(Path file) {
        StringBuilder key = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    /** Ends watching; a thread waiting in {@link #awaitChanges} gets a ClosedWatchServiceException. */
    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            log.log(Level.DEBUG, "closing the watch service failed: " + e);
        }
    }

    private boolean handle(WatchKey key) {
        Path folder = watchedFolders.get(key);
        boolean lost = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW || folder == null) {
                lost = true;
                continue;
            }
            Path child = folder.resolve((Path) event.context());
            String name = child.getFileName().toString();
            BasicFileAttributes attributes = PhotoFiles.attributes(child);
            if (attributes == null || PhotoFiles.hiddenOrTemporary(name)) {
                continue;
            }
            if (attributes.isDirectory()) {
                // A new folder may already hold files written before it was watched.
                lost = true;
            } else if (attributes.isRegularFile() && PhotoFiles.isPhoto(name)) {
                photoSeen.accept(key(child), attributes);
            }
        }
        if (!key.reset()) {
            watchedPaths.remove(watchedFolders.remove(key));
        }
        return lost;
    }

    private void watch(Path dir) {
        if (watchedPaths.contains(dir)) {
            return;
        }
        try {
            watchedFolders.put(dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY), dir);
            watchedPaths.add(dir);
        } catch (IOException e) {
            log.log(Level.WARNING, "cannot watch " + dir + " (the rescan still covers it): " + e);
        }
    }

    private final class Walk extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (!dir.equals(root) && PhotoFiles.hiddenOrTemporary(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            watch(dir);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            // Links are reported as links here (the walk does not follow them): skipped.
            String name = file.getFileName().toString();
            if (attributes.isRegularFile() && PhotoFiles.isPhoto(name) && !PhotoFiles.hiddenOrTemporary(name)) {
                photoSeen.accept(key(file), attributes);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                log.log(Level.WARNING, "cannot read " + file + " while scanning the folder: " + e);
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
