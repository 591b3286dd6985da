package org.fieldmark.adapter.http.in.serving;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Writes an answer once; a request whose answer has started is left alone. */
final class Replies {

    static final String JSON = "application/json";

    private Replies() {
    }

    static void json(RoutingContext ctx, int status, String body) {
        send(ctx, status, JSON, body);
    }

    static void send(RoutingContext ctx, int status, String contentType, String body) {
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
    }
}
