package org.fieldmark.adapter.http.in.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** A JPEG the server made from a sighting's photo (thumbnail, preview) as the answer, or why there is none. */
final class MadeJpegs {

    /** Made once per photo and never changed, so a browser may keep it for an hour. */
    static final String CACHE = "private, max-age=3600";

    private MadeJpegs() {
    }

    static void send(RoutingContext ctx, Problems problems, Optional<byte[]> jpeg, Rejection missing, String why) {
        if (jpeg.isEmpty()) {
            problems.send(ctx, missing, why);
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg").putHeader(HttpHeaders.CACHE_CONTROL, CACHE)
                .end(Buffer.buffer(jpeg.get()));
    }
}
