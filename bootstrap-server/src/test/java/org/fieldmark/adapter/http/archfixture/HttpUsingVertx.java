package org.fieldmark.adapter.http.archfixture;

import io.vertx.core.buffer.Buffer;

/** Good: the HTTP adapter may use Vert.x. */
public class HttpUsingVertx {
    public Buffer wrap(byte[] bytes) {
        return Buffer.buffer(bytes);
    }
}
