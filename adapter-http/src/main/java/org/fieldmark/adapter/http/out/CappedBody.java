package org.fieldmark.adapter.http.out;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps at most {@code limit} bytes of a response body and drops the rest (still reading it, so
 * the connection stays usable), remembering that it did: a misbehaving server cannot fill memory.
 * Shared by the model-server and webhook clients.
 */
public final class CappedBody implements Consumer<Optional<byte[]>> {

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    public CappedBody(int limit) {
        this.limit = limit;
    }

    /** A body handler that feeds this. */
    public HttpResponse.BodyHandler<Void> handler() {
        return info -> HttpResponse.BodySubscribers.ofByteArrayConsumer(this);
    }

    @Override
    public synchronized void accept(Optional<byte[]> chunk) {
        chunk.ifPresent(bytes -> {
            total += bytes.length;
            int room = (int) Math.max(0, limit - kept.size());
            kept.write(bytes, 0, Math.min(room, bytes.length));
        });
    }

    /** The bytes kept, at most the limit. */
    public synchronized byte[] bytes() {
        return kept.toByteArray();
    }

    /** Whether the body was longer than the limit. */
    public synchronized boolean truncated() {
        return total > limit;
    }

    /** How many bytes the body had in all. */
    public synchronized long total() {
        return total;
    }
}
