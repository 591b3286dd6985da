package org.fieldmark.adapter.local.folder;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.event.ExecutionCompletedEvent;
import dev.failsafe.event.ExecutionScheduledEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fieldmark.adapter.local.folder.Candidates.Candidate;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;

/**
 * Hands photos to the callback on a thread of its own, one at a time, and retries a failed
 * hand-over with Failsafe: after twice the poll interval, then doubling, {@value #MAX_ATTEMPTS}
 * attempts in all; a non-retryable {@link FieldmarkException} is not retried. How each hand-over
 * ended is queued for the watcher's thread, which records it ({@link #nextOutcome}).
 */
final class Deliveries implements AutoCloseable {

    static final int MAX_ATTEMPTS = 5;

    /** How one hand-over ended. */
    record Outcome(Candidate candidate, ProcessedFiles.Status status) {
    }

    private final Consumer<ImageReference> callback;
    private final Duration firstRetry;
    private final Path stateFile;
    private final Logger log;
    private final ScheduledThreadPoolExecutor thread;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    Deliveries(Consumer<ImageReference> callback, Duration pollInterval, Path stateFile, Logger log) {
        this.callback = callback;
        this.firstRetry = pollInterval.multipliedBy(2);
        this.stateFile = stateFile;
        this.log = log;
        this.thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread delivering = new Thread(task, "fieldmark-folder-delivery");
            delivering.setDaemon(true);
            return delivering;
        });
        // On close, retries still waiting are dropped: their files are not recorded and come again after a restart.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts handing the candidate over; returns at once. */
    void deliver(Candidate candidate) {
        RetryPolicy<Object> retries = RetryPolicy.builder()
                .handleIf(Deliveries::retryable)
                .withBackoff(firstRetry, firstRetry.multipliedBy(8), 2.0)
                .withMaxAttempts(MAX_ATTEMPTS)
                .onRetryScheduled(event -> retrying(candidate, event))
                .build();
        Failsafe.with(retries).with(thread)
                .onComplete(event -> completed(candidate, event))
                .runAsync(() -> callback.accept(ImageReference.of(candidate.key())));
    }

    /** The next hand-over that ended, or {@code null} when none did since the last call. */
    Outcome nextOutcome() {
        return outcomes.poll();
    }

    /** Lets the hand-over in progress finish (up to ten seconds) and drops the retries still waiting. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean retryable(Throwable failure) {
        return !(failure instanceof FieldmarkException f) || f.retryable();
    }

    private void retrying(Candidate candidate, ExecutionScheduledEvent<Object> event) {
        log.log(Level.WARNING, "handling " + candidate.key() + " failed (attempt " + event.getAttemptCount() + " of "
                + MAX_ATTEMPTS + "), trying again in " + event.getDelay().toMillis() + " ms: "
                + event.getLastException());
    }

    private void completed(Candidate candidate, ExecutionCompletedEvent<Object> event) {
        Throwable failure = event.getException();
        if (failure == null) {
            outcomes.add(new Outcome(candidate, ProcessedFiles.Status.DONE));
        } else if (!(failure instanceof RejectedExecutionException)) {
            int attempts = event.getAttemptCount();
            log.log(Level.ERROR, "giving up on " + candidate.key() + " after " + attempts
                    + (attempts == 1 ? " attempt" : " attempts") + " (recorded as failed in " + stateFile
                    + "; it is tried again when the file changes): " + failure);
            outcomes.add(new Outcome(candidate, ProcessedFiles.Status.FAILED));
        }
        // A retry refused because the watcher is closing is not recorded: the file comes again after a restart.
    }
}
