package org.fieldmark.adapter.http.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes a Vert.x {@code WebClient} hold every exchange to the {@link OpenApiContract}: once the
 * answer is in, before the test sees it, the request and answer are checked, and a mismatch fails
 * the request's future with the {@link AssertionError} (so the test fails where it waits for the
 * answer). Build every API test's client through {@link #of(WebClient)}.
 */
public final class ValidatingWebClient {

    private static final String REQUEST_BODY = "fieldmark.openapi.requestBody";

    private ValidatingWebClient() {
    }

    /** {@code client}, checking its exchanges against the served document from now on. */
    public static WebClient of(WebClient client) {
        return of(client, OpenApiContract.served());
    }

    public static WebClient of(WebClient client, OpenApiContract contract) {
        // The interceptor API lives in the client's impl package; it is the one place every request passes.
        ((WebClientInternal) client).addInterceptor(context -> check(context, contract));
        return client;
    }

    private static void check(HttpContext<?> context, OpenApiContract contract) {
        if (context.phase() == ClientPhase.PREPARE_REQUEST) {
            // The client lets go of the body once it is sent: keep it for the check.
            context.set(REQUEST_BODY, Optional.ofNullable(context.body()));
        }
        if (context.phase() != ClientPhase.DISPATCH_RESPONSE) {
            context.next();
            return;
        }
        HttpResponse<?> response = context.response();
        Optional<Object> sent = context.get(REQUEST_BODY);
        Object body = sent == null ? null : sent.orElse(null);
        // A multipart form or a stream is not kept as bytes: only the answer is checked then.
        boolean bodyKnown = !(body instanceof MultipartForm) && !(body instanceof ReadStream);
        byte[] requestBody = null;
        Map<String, List<String>> requestHeaders = headers(context.request().headers());
        if (body instanceof Buffer buffer) {
            requestBody = buffer.getBytes();
        } else if (body != null && bodyKnown) {
            requestBody = Json.encodeToBuffer(body).getBytes();
            requestHeaders.putIfAbsent("Content-Type", List.of("application/json"));
        }
        Buffer responseBody = response.bodyAsBuffer();
        OpenApiContract.Exchange exchange = new OpenApiContract.Exchange(context.request().method().name(),
                context.request().uri(), requestHeaders, requestBody, bodyKnown, response.statusCode(),
                headers(response.headers()), responseBody == null ? null : responseBody.getBytes());
        try {
            contract.check(exchange);
        } catch (AssertionError e) {
            context.fail(e);
            return;
        }
        context.next();
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        return copy;
    }
}
