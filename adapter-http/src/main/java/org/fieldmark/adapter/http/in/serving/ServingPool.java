package org.fieldmark.adapter.http.in.serving;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * Runs the model off the event loop on a worker pool of a known size with a bounded number of
 * waiting requests; when both are full, {@link #trySubmit} refuses at once.
 */
final class ServingPool {

    static final String NAME = "fieldmark-serving";

    private final WorkerExecutor workers;
    private final Semaphore slots;
    private final int threads;
    private final int queue;

    ServingPool(Vertx vertx, int threads, int queue) {
        this.workers = vertx.createSharedWorkerExecutor(NAME, threads);
        this.threads = threads;
        this.queue = queue;
        this.slots = new Semaphore(threads + queue);
    }

    /** The task's future, or empty when every worker is busy and the queue is full. */
    <T> Optional<Future<T>> trySubmit(Callable<T> task) {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        return Optional.of(workers.executeBlocking(() -> {
            try {
                return task.call();
            } finally {
                slots.release();
            }
        }, false));
    }

    /** Why a request was refused, for its answer. */
    String busy() {
        return "all " + threads + " model workers are busy and " + queue + " requests are waiting; retry later";
    }

    Future<Void> close() {
        return workers.close();
    }
}
