package org.fieldmark.adapter.local.folder;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;

/**
 * Watches a folder and its subfolders and hands each new photo ({@code .jpg}, {@code .jpeg},
 * {@code .png}, {@code .bmp}, any case) to a callback exactly once, as a key relative to the
 * folder. A file is handed over only when it is completely written: its size and modification
 * time are unchanged across two checks at least the stability delay apart, and its bytes end as
 * a finished JPEG/PNG/BMP does (a file that never does is handed over after twenty stability
 * delays anyway, so the identification can report it). The java.nio {@link WatchService} makes
 * this quick; a full rescan every poll interval catches whatever it misses.
 *
 * <p>Hidden files and folders ({@code .*}) and temporary files ({@code *.tmp}, {@code *.part},
 * {@code *.partial}, {@code *.crdownload}, {@code *.download}, {@code *.filepart}, {@code *~})
 * are ignored, and so are symbolic links: they are never followed, so nothing outside the folder
 * is ever seen. The watcher only reads; it never deletes, moves or changes a photo.
 *
 * <p>What was handed over survives restarts: a small state file records each file's key, size
 * and modification time (rewritten atomically). A file replaced by different content (another
 * size or time) is handed over again. When the callback throws, the file is retried with
 * doubling delays (poll interval x 2, 4, 8, 16) unless the error is a non-retryable
 * {@link FieldmarkException}; after five attempts, or at once for a non-retryable error, it is
 * recorded as failed in the state file and logged as an error with its key, and not retried
 * until its content changes. Nothing is dropped without a log line.
 */
public final class FolderWatcher implements AutoCloseable {

    static final int MAX_ATTEMPTS = 5;
    static final int COMPLETENESS_GRACE_DELAYS = 20;

    private static final List<String> PHOTO_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp");
    private static final List<String> TEMPORARY_SUFFIXES = List.of(".tmp", ".part", ".partial", ".crdownload",
            ".download", ".filepart", "~");

    private final Path configuredRoot;
    private final Path stateFile;
    private final long pollNanos;
    private final long stabilityNanos;
    private final Consumer<ImageReference> callback;
    private final Logger log;

    private final Map<Path, Candidate> candidates = new LinkedHashMap<>();
    private final Map<WatchKey, Path> watchedFolders = new HashMap<>();
    private final Set<Path> watchedPaths = new HashSet<>();
    private Path root;
    private ProcessedFiles state;
    private WatchService watchService;
    private Thread thread;
    private volatile boolean running;
    private boolean stateDirty;
    private boolean saveFailureLogged;

    /**
     * @param root           the folder to watch; created when absent
     * @param stateFile      where handled files are recorded (a hidden file inside the folder is fine)
     * @param pollInterval   how often the whole folder is rescanned
     * @param stabilityDelay how long a file's size and time must stay unchanged before it is handed over
     * @param callback       gets each new photo's key; called from the watcher's single thread
     */
    public FolderWatcher(Path root, Path stateFile, Duration pollInterval, Duration stabilityDelay,
                         Consumer<ImageReference> callback) {
        this(root, stateFile, pollInterval, stabilityDelay, callback,
                System.getLogger(FolderWatcher.class.getName()));
    }

    /** With the logger to write to (tests read it). */
    public FolderWatcher(Path root, Path stateFile, Duration pollInterval, Duration stabilityDelay,
                         Consumer<ImageReference> callback, Logger log) {
        this.configuredRoot = Objects.requireNonNull(root, "root");
        this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
        this.callback = Objects.requireNonNull(callback, "callback");
        this.log = Objects.requireNonNull(log, "log");
        List<String> problems = new ArrayList<>();
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            problems.add("the folder poll interval must be positive, got " + pollInterval);
        }
        if (stabilityDelay == null || stabilityDelay.isNegative()) {
            problems.add("the folder stability delay must not be negative, got " + stabilityDelay);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
        this.pollNanos = pollInterval.toNanos();
        this.stabilityNanos = stabilityDelay.toNanos();
    }

    /**
     * Creates the folder if needed, reads the state file and starts watching on a daemon thread.
     *
     * @throws ConfigurationInvalidException when the folder or the state file cannot be used
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the folder watcher was already started");
        }
        root = FolderImageStorageAdapter.openRoot(configuredRoot);
        try {
            state = ProcessedFiles.load(stateFile);
        } catch (IOException e) {
            throw new ConfigurationInvalidException(List.of("the folder watcher's state file " + stateFile
                    + " cannot be read (" + e + "); fix its permissions or point it elsewhere"));
        }
        state.problems().forEach(problem -> log.log(Level.WARNING, problem + "; its file will be handled again"));
        try {
            watchService = root.getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new ConfigurationInvalidException(List.of("cannot watch folder " + root + " (" + e + ")"));
        }
        running = true;
        thread = new Thread(this::run, "fieldmark-folder-watcher");
        thread.setDaemon(true);
        thread.start();
        log.log(Level.INFO, "watching folder " + root + " (" + state.size() + " files already handled)");
    }

    /** Stops watching, waits for the watcher's thread to finish and saves the state. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = thread;
            this.running = false;
        }
        if (running == null) {
            return;
        }
        try {
            watchService.close();
        } catch (IOException e) {
            log.log(Level.DEBUG, "closing the watch service failed: " + e);
        }
        try {
            running.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long nextRescan = System.nanoTime();
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(pollNanos, stabilityNanos / 2));
        while (running) {
            try {
                long now = System.nanoTime();
                if (now - nextRescan >= 0) {
                    rescan();
                    nextRescan = now + pollNanos;
                }
                checkCandidates();
                saveIfChanged();
                WatchKey key = watchService.poll(tick, TimeUnit.NANOSECONDS);
                while (key != null) {
                    if (handle(key)) {
                        nextRescan = System.nanoTime();
                    }
                    key = watchService.poll();
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // The watcher must outlive any one bad file or folder; the next rescan tries again.
                log.log(Level.ERROR, "folder watcher step failed, continuing: " + e, e);
                pause(tick);
            }
        }
        saveIfChanged();
    }

    /** Handles a watch key's events; {@code true} when events were lost and a rescan is needed. */
    private boolean handle(WatchKey key) {
        Path folder = watchedFolders.get(key);
        boolean lost = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW || folder == null) {
                lost = true;
                continue;
            }
            Path child = folder.resolve((Path) event.context());
            BasicFileAttributes attributes = attributes(child);
            if (attributes == null || hiddenOrTemporary(child.getFileName().toString())) {
                continue;
            }
            if (attributes.isDirectory()) {
                // A new folder may already hold files written before it was watched.
                lost = true;
            } else if (attributes.isRegularFile() && isPhoto(child.getFileName().toString())) {
                consider(child, attributes);
            }
        }
        if (!key.reset()) {
            watchedPaths.remove(watchedFolders.remove(key));
        }
        return lost;
    }

    private void rescan() {
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(root) && hiddenOrTemporary(dir.getFileName().toString())) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            watch(dir);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            // Links are reported as links here (the walk does not follow them): skipped.
                            String name = file.getFileName().toString();
                            if (attrs.isRegularFile() && isPhoto(name) && !hiddenOrTemporary(name)) {
                                consider(file, attrs);
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
                    });
        } catch (IOException e) {
            log.log(Level.WARNING, "cannot scan folder " + root + ": " + e);
        }
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

    private void consider(Path file, BasicFileAttributes attributes) {
        String key = key(file);
        String modified = attributes.lastModifiedTime().toInstant().toString();
        if (state.handled(key, attributes.size(), modified)) {
            candidates.remove(file);
            return;
        }
        candidates.computeIfAbsent(file, f -> new Candidate(key, attributes.size(), modified, System.nanoTime()));
    }

    private void checkCandidates() {
        for (Candidate candidate : new ArrayList<>(candidates.values())) {
            long now = System.nanoTime();
            if (now - candidate.notBefore < 0) {
                continue;
            }
            Path file = root.resolve(candidate.key);
            BasicFileAttributes attributes = attributes(file);
            if (attributes == null || !attributes.isRegularFile()) {
                candidates.remove(file);
                continue;
            }
            long size = attributes.size();
            String modified = attributes.lastModifiedTime().toInstant().toString();
            if (state.handled(candidate.key, size, modified)) {
                candidates.remove(file);
                continue;
            }
            if (size != candidate.size || !modified.equals(candidate.modified)) {
                candidate.size = size;
                candidate.modified = modified;
                candidate.stableSince = now;
                continue;
            }
            long stableFor = now - candidate.stableSince;
            if (stableFor < stabilityNanos) {
                continue;
            }
            if (!looksComplete(file, size) && stableFor < COMPLETENESS_GRACE_DELAYS * Math.max(stabilityNanos,
                    TimeUnit.MILLISECONDS.toNanos(100))) {
                continue;
            }
            deliver(file, candidate);
        }
    }

    private void deliver(Path file, Candidate candidate) {
        candidate.attempts++;
        try {
            callback.accept(ImageReference.of(candidate.key));
            finish(file, candidate, ProcessedFiles.Status.DONE);
        } catch (RuntimeException e) {
            boolean retryable = !(e instanceof FieldmarkException f) || f.retryable();
            if (retryable && candidate.attempts < MAX_ATTEMPTS) {
                long wait = pollNanos << candidate.attempts;
                candidate.notBefore = System.nanoTime() + wait;
                log.log(Level.WARNING, "handling " + candidate.key + " failed (attempt " + candidate.attempts + " of "
                        + MAX_ATTEMPTS + "), trying again in " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms: " + e);
            } else {
                finish(file, candidate, ProcessedFiles.Status.FAILED);
                log.log(Level.ERROR, "giving up on " + candidate.key + " after " + candidate.attempts
                        + (candidate.attempts == 1 ? " attempt" : " attempts") + " (recorded as failed in "
                        + stateFile + "; it is tried again when the file changes): " + e);
            }
        }
    }

    private void finish(Path file, Candidate candidate, ProcessedFiles.Status status) {
        state.record(candidate.key, status, candidate.size, candidate.modified);
        stateDirty = true;
        candidates.remove(file);
    }

    private void saveIfChanged() {
        if (!stateDirty) {
            return;
        }
        try {
            state.save();
            stateDirty = false;
            saveFailureLogged = false;
        } catch (IOException | RuntimeException e) {
            if (!saveFailureLogged) {
                log.log(Level.ERROR, "cannot save the folder watcher's state to " + stateFile
                        + " (trying again; until then a restart would hand files over again): " + e);
                saveFailureLogged = true;
            }
        }
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
            byte[] h = head.array();
            byte[] t = tail.array();
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
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isPhoto(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return PHOTO_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    static boolean hiddenOrTemporary(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") || TEMPORARY_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    private String key(Path file) {
        Path relative = root.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path part : relative) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A file seen but not handed over yet. */
    private static final class Candidate {
        final String key;
        long size;
        String modified;
        long stableSince;
        long notBefore;
        int attempts;

        Candidate(String key, long size, String modified, long seen) {
            this.key = key;
            this.size = size;
            this.modified = modified;
            this.stableSince = seen;
            this.notBefore = seen;
        }
    }
}
