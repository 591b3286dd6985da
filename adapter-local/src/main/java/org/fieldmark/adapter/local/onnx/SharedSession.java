package org.fieldmark.adapter.local.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.fieldmark.application.error.InferenceFailedException;

/**
 * An ONNX Runtime session that many threads run and one close frees. Runs share a read lock and
 * closing takes the write lock, so the native session is never freed under a running call; a run
 * after the close is refused with the closed family's error. The classifier and the detector
 * both hold their session this way.
 */
public final class SharedSession implements AutoCloseable {

    private final OrtSession session;
    private final String name;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * @param session the opened session, owned from now on
     * @param name    how errors name it, e.g. {@code model inat-bird-mobilenet-v2}
     */
    public SharedSession(OrtSession session, String name) {
        this.session = Objects.requireNonNull(session, "session");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Work on the open session; ONNX Runtime's checked failure becomes a non-retryable inference failure. */
    @FunctionalInterface
    public interface Work<T> {
        T run(OrtSession session) throws OrtException;
    }

    /** Runs {@code work} while the session is open. */
    public <T> T run(Work<T> work) {
        return whileOpen(() -> {
            try {
                return work.run(session);
            } catch (OrtException e) {
                throw new InferenceFailedException(name + " failed to run: " + e.getMessage(), false, e);
            }
        });
    }

    /** Runs {@code work}, which uses the session through other calls, while the session is open. */
    public <T> T whileOpen(Supplier<T> work) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new InferenceFailedException(name + " was closed; the server is shutting down", false);
            }
            return work.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(session);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * Opens a session the way Fieldmark runs its models: {@code intraOpThreads} for one call, no
     * parallel branches (one image or one batch at a time), every graph optimisation.
     */
    public static OrtSession open(OrtEnvironment environment, byte[] model, int intraOpThreads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return environment.createSession(model, options);
        }
    }

    /** Closes a session that never became shared (a load that failed half-way); {@code null} is ignored. */
    public static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // Nothing left to do with a session that cannot even be closed.
            }
        }
    }
}
