package org.fieldmark.adapter.http.in.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs identifications off the event loop on a named worker pool of a known size, with a bounded
 * number of waiting tasks: when every worker is busy and the queue is full, {@link #trySubmit}
 * refuses at once instead of letting work pile up ({@link #submit} answers 503 {@code OVERLOADED}).
 */
final class InferencePool {

    /** Worker threads are named after the pool, which makes them recognisable in thread dumps. */
    static final String NAME = "fieldmark-inference";

    private final WorkerExecutor workers;
    private final Semaphore slots;
    private final int threads;
    private final int capacity;
    private final InFlight inFlight;
    private final ApiMetrics metrics;
    private final Problems problems;

    InferencePool(Vertx vertx, int threads, int queueCapacity, InFlight inFlight, ApiMetrics metrics,
                  Problems problems) {
        this.workers = vertx.createSharedWorkerExecutor(NAME, threads);
        this.threads = threads;
        this.capacity = threads + queueCapacity;
        this.slots = new Semaphore(capacity);
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.problems = problems;
    }

    /**
     * Runs use-case work on a worker and hands its result to {@code onSuccess} (a failure goes to
     * the router's failure handler), or answers 503 at once when the pool and its queue are full.
     */
    <T> void submit(RoutingContext ctx, Callable<T> task, Consumer<T> onSuccess) {
        Optional<Future<T>> running = trySubmit(task);
        if (running.isEmpty()) {
            metrics.overloaded();
            problems.send(ctx, Rejection.OVERLOADED, "all " + threads + " inference workers are busy and "
                    + (capacity - threads) + " requests are waiting; retry later");
            return;
        }
        running.get().onSuccess(onSuccess::accept).onFailure(ctx::fail);
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
