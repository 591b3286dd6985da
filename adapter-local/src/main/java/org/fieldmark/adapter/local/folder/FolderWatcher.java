package org.fieldmark.adapter.local.folder;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;

/**
 * Watches a folder and its subfolders and hands each new photo ({@code .jpg}, {@code .jpeg},
 * {@code .png}, {@code .bmp}, any case) to a callback exactly once, as a key relative to the
 * folder. A file is handed over only when it is completely written: at once when its bytes prove
 * it (a JPEG whose markers and scans lead to its end-of-image marker as its last bytes, a PNG
 * whose chunks lead to IEND at its end, a BMP as long as its header declares), otherwise when its
 * size and modification time are unchanged across two checks at least the stability delay apart
 * and its bytes end as a finished JPEG/PNG/BMP does (a file that never does is handed over after
 * twenty stability delays anyway, so the identification can report it). The java.nio {@link WatchService} makes
 * this quick; a full rescan every poll interval catches whatever it misses.
 *
 * <p>Hidden files and folders ({@code .*}) and temporary files ({@code *.tmp}, {@code *.part},
 * {@code *.partial}, {@code *.crdownload}, {@code *.download}, {@code *.filepart}, {@code *~})
 * are ignored, and so are symbolic links: they are never followed, so nothing outside the folder
 * is ever seen. The watcher only reads; it never deletes, moves or changes a photo.
 *
 * <p>What was handed over survives restarts: a small state file records each file's key, size
 * and modification time (rewritten atomically). A file replaced by different content (another
 * size or time) is handed over again. When the callback throws, the file is retried (with
 * Failsafe) after doubling delays (poll interval x 2, 4, 8, 16) unless the error is a non-retryable
 * {@link FieldmarkException}; after five attempts, or at once for a non-retryable error, it is
 * recorded as failed in the state file and logged as an error with its key, and not retried
 * until its content changes. Nothing is dropped without a log line.
 *
 * <p>The parts: {@link FolderTree} finds the photos, {@link Candidates} waits until each is
 * completely written, {@link Deliveries} hands it over and retries, {@link ProcessedFiles} keeps
 * the record; this class runs them on the watcher's thread and keeps the record saved.
 */
public final class FolderWatcher implements AutoCloseable {

    private final Path configuredRoot;
    private final Path stateFile;
    private final Duration pollInterval;
    private final long pollNanos;
    private final long stabilityNanos;
    private final Consumer<ImageReference> callback;
    private final Logger log;

    private ProcessedFiles state;
    private FolderTree tree;
    private Candidates candidates;
    private Deliveries deliveries;
    private Thread thread;
    private volatile boolean running;
    private boolean stateDirty;
    private boolean saveFailureLogged;

    /**
     * @param root           the folder to watch; created when absent
     * @param stateFile      where handled files are recorded (a hidden file inside the folder is fine)
     * @param pollInterval   how often the whole folder is rescanned
     * @param stabilityDelay how long a file's size and time must stay unchanged before it is handed over
     * @param callback       gets each new photo's key; called from the watcher's delivery thread, one at a time
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
        this.pollInterval = pollInterval;
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
        Path root = FolderImageStorageAdapter.openRoot(configuredRoot);
        try {
            state = ProcessedFiles.load(stateFile);
        } catch (IOException e) {
            throw new ConfigurationInvalidException(List.of("the folder watcher's state file " + stateFile
                    + " cannot be read (" + e + "); fix its permissions or point it elsewhere"));
        }
        state.problems().forEach(problem -> log.log(Level.WARNING, problem + "; its file will be handled again"));
        candidates = new Candidates(root, state, stabilityNanos, System::nanoTime);
        tree = new FolderTree(root, log, candidates::seen);
        deliveries = new Deliveries(callback, pollInterval, stateFile, log);
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
        tree.close();
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
                    tree.rescan();
                    nextRescan = now + pollNanos;
                }
                candidates.ready().forEach(deliveries::deliver);
                recordOutcomes();
                saveIfChanged();
                if (tree.awaitChanges(tick)) {
                    nextRescan = System.nanoTime();
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // The watcher must outlive any one bad file or folder; the next rescan tries again.
                log.log(Level.ERROR, "folder watcher step failed, continuing: " + e, e);
                pause(tick);
            }
        }
        deliveries.close();
        recordOutcomes();
        saveIfChanged();
    }

    private void recordOutcomes() {
        for (Deliveries.Outcome outcome = deliveries.nextOutcome(); outcome != null;
                outcome = deliveries.nextOutcome()) {
            Candidates.Candidate candidate = outcome.candidate();
            state.record(candidate.key(), outcome.status(), candidate.size(), candidate.modified());
            stateDirty = true;
            candidates.handedOver(candidate);
        }
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

    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
