package org.fieldmark.adapter.http.in.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests and identifications that are under way, so a shutdown can refuse new work
 * and wait for the started work to finish.
 */
final class InFlight {

    private final AtomicInteger count = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean shuttingDown;

    /**
     * Registers new work; {@code false} (and nothing registered) once shutdown has begun. The
     * count goes up before the flag is read, so a shutdown racing this call either sees the work
     * or the work sees the shutdown.
     */
    boolean enter() {
        count.incrementAndGet();
        if (shuttingDown) {
            exit();
            return false;
        }
        return true;
    }

    /** Registers more work for something already in flight, which keeps the count above zero meanwhile. */
    void extend() {
        count.incrementAndGet();
    }

    void exit() {
        if (count.decrementAndGet() == 0 && shuttingDown) {
            drained.complete(null);
        }
    }

    void beginShutdown() {
        shuttingDown = true;
        if (count.get() == 0) {
            drained.complete(null);
        }
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    int count() {
        return count.get();
    }

    CompletableFuture<Void> drained() {
        return drained;
    }
}
