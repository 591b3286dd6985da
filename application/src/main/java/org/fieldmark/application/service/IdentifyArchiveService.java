package org.fieldmark.application.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.port.in.ArchiveListener;
import org.fieldmark.application.port.in.ArchiveOutcome;
import org.fieldmark.application.port.in.ArchiveSummary;
import org.fieldmark.application.port.in.IdentifyArchiveCommand;
import org.fieldmark.application.port.in.IdentifyArchiveUseCase;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.out.ArchivedPhoto;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.PhotoArchivePort;
import org.fieldmark.domain.Identification;

/**
 * Runs an archive's photos through the identification use case on a fixed pool of workers, never
 * notifying, each photo with the time the archive says it was taken (its sighting's time when a bird
 * log is kept). Copies of one content are identified once: the first copy a worker reaches is
 * identified, and every other copy waits for it and is reported as its duplicate with its result
 * (or its failure), so the model runs and the bird log records once per content.
 */
public final class IdentifyArchiveService implements IdentifyArchiveUseCase {

    private final IdentifyBirdUseCase identification;
    private final PhotoArchivePort archive;

    public IdentifyArchiveService(IdentifyBirdUseCase identification, PhotoArchivePort archive) {
        this.identification = Objects.requireNonNull(identification, "identification");
        this.archive = Objects.requireNonNull(archive, "archive");
    }

    /** The first copy of a content reached, and its identification once known. */
    private record First(ImageReference photo, CompletableFuture<IdentificationResult> result) {
    }

    @Override
    public ArchiveSummary identifyAll(IdentifyArchiveCommand command, ArchiveListener listener) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(listener, "listener");
        List<ImageReference> todo = command.photos().stream().filter(photo -> !command.done().contains(photo))
                .toList();
        int skipped = command.photos().size() - todo.size();
        listener.started(todo.size(), skipped);
        Map<String, First> firsts = new ConcurrentHashMap<>();
        List<ArchiveOutcome> failed = new ArrayList<>();
        AtomicInteger identified = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        Object turn = new Object();
        ExecutorService workers = Executors.newFixedThreadPool(command.workers(), runnable -> {
            Thread thread = new Thread(runnable, "fieldmark-archive");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>(todo.size());
            for (ImageReference photo : todo) {
                running.add(workers.submit(() -> {
                    ArchiveOutcome outcome = one(photo, command, firsts);
                    synchronized (turn) {
                        if (!outcome.succeeded()) {
                            failed.add(outcome);
                        } else {
                            identified.incrementAndGet();
                            if (outcome.duplicateOf() != null) {
                                duplicates.incrementAndGet();
                            }
                        }
                        listener.finished(outcome);
                    }
                }));
            }
            awaitAll(running);
        } finally {
            workers.shutdownNow();
        }
        Map<ImageReference, Integer> listed = new HashMap<>();
        for (int i = 0; i < todo.size(); i++) {
            listed.put(todo.get(i), i);
        }
        failed.sort(Comparator.comparingInt(outcome -> listed.get(outcome.photo())));
        return new ArchiveSummary(identified.get(), duplicates.get(), skipped, failed);
    }

    private ArchiveOutcome one(ImageReference photo, IdentifyArchiveCommand command, Map<String, First> firsts) {
        ArchivedPhoto archived;
        try {
            archived = archive.inspect(photo);
        } catch (FieldmarkException e) {
            return ArchiveOutcome.failed(photo, e);
        }
        First mine = new First(photo, new CompletableFuture<>());
        First first = firsts.putIfAbsent(archived.contentDigest(), mine);
        if (first == null) {
            return identify(photo, command, archived, mine.result());
        }
        // The first copy's worker is identifying it already: waiting cannot starve the pool.
        try {
            return ArchiveOutcome.duplicate(photo, asCopy(first.result().join(), photo), first.photo());
        } catch (CompletionException e) {
            // The first copy failed: this one is tried on its own, and fails (or not) in its own words.
            return identify(photo, command, archived, new CompletableFuture<>());
        }
    }

    private ArchiveOutcome identify(ImageReference photo, IdentifyArchiveCommand command, ArchivedPhoto archived,
                                    CompletableFuture<IdentificationResult> known) {
        try {
            IdentificationResult result = identification.identify(new IdentifyImageCommand(photo, false,
                    command.overrides(), archived.takenAt()));
            known.complete(result);
            return ArchiveOutcome.identified(photo, result);
        } catch (FieldmarkException e) {
            known.completeExceptionally(e);
            return ArchiveOutcome.failed(photo, e);
        } catch (RuntimeException e) {
            // A defect, not a bad photo: still only this photo fails, and says so.
            FieldmarkException wrapped = new InferenceFailedException("identifying '" + photo.key()
                    + "' failed unexpectedly: " + e, false, e);
            known.completeExceptionally(wrapped);
            return ArchiveOutcome.failed(photo, wrapped);
        }
    }

    /**
     * The original's identification told of its copy: the copy's name in the message and as the source;
     * no sighting (the bird log holds the original's, once).
     */
    static IdentificationResult asCopy(IdentificationResult original, ImageReference copy) {
        Identification told = original.identification();
        String message = told.message().replace("[" + told.key() + "]", "[" + copy.key() + "]");
        return new IdentificationResult(copy, original.version(), original.contentType(), original.contentLength(),
                new Identification(copy.key(), told.catalog(), told.predictions(), told.confident(), message),
                original.modelId(), original.timings(), null, original.located());
    }

    private static void awaitAll(List<Future<?>> running) {
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while identifying the archive", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("an archive worker failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
