package org.fieldmark.adapter.http.in.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * Runs identifications off the event loop on a named worker pool of a known size, with a bounded
 * number of waiting tasks: when every worker is busy and the queue is full, {@link #trySubmit}
 * refuses at once instead of letting work pile up.
 */
final class InferencePool {

    /** Worker threads are named after the pool, which makes them recognisable in thread dumps. */
    static final String NAME = "fieldmark-inference";

    private final WorkerExecutor workers;
    private final Semaphore slots;
    private final int capacity;
    private final InFlight inFlight;

    InferencePool(Vertx vertx, int threads, int queueCapacity, InFlight inFlight) {
        this.workers = vertx.createSharedWorkerExecutor(NAME, threads);
        this.capacity = threads + queueCapacity;
        this.slots = new Semaphore(capacity);
        this.inFlight = inFlight;
    }

    /**
     * Runs {@code task} on a worker, or returns empty when the pool and its queue are full. The
     * task counts as work in flight until it finishes, even if its client has gone.
     */
    <T> Optional<Future<T>> trySubmit(Callable<T> task) {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        inFlight.extend();
        Future<T> result = workers.executeBlocking(() -> {
            try {
                return task.call();
            } finally {
                slots.release();
                inFlight.exit();
            }
        }, false);
        return Optional.of(result);
    }

    /** Tasks running or waiting. */
    int busy() {
        return capacity - slots.availablePermits();
    }

    Future<Void> close() {
        return workers.close();
    }
}
