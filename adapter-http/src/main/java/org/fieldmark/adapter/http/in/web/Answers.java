package org.fieldmark.adapter.http.in.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Writes the API's JSON answers; problems are {@link Problems}'. */
final class Answers {

    static final String JSON = "application/json";

    private Answers() {
    }

    static void json(RoutingContext ctx, int status, Map<String, Object> body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end(new JsonObject(body).encode());
    }
}
