package org.fieldmark.adapter.http.in.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The first handler of every request: refuses new work once shutdown has begun (but
 * {@code /health}), counts the request as in flight until it ends, and asks for the API key where
 * the {@link RouteTable} says a path needs it. It decides by path, before any method is
 * considered: a protected path answers 401 to any method without the key, so neither its
 * methods (405) nor whether it exists (404) are told to a caller without the key.
 */
final class Admission {

    private static final String BEARER = "Bearer ";

    private final RouteTable routes;
    private final InFlight inFlight;
    private final Problems problems;
    /** SHA-256 of the API key; {@code null} when none is configured. */
    private final byte[] apiKeyDigest;

    Admission(RouteTable routes, InFlight inFlight, Problems problems, String apiKey) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.apiKeyDigest = apiKey == null ? null : sha256(apiKey);
    }

    void admit(RoutingContext ctx) {
        // The router matches the normalised path (dot segments removed, %2e decoded): decide on
        // the same one, or "/docs/%2e%2e/v1/sightings" would pass as a docs file and reach the API.
        RouteTable.Access access = routes.access(ctx.normalizedPath());
        if (access == RouteTable.Access.ALWAYS) {
            ctx.next();
            return;
        }
        if (!inFlight.enter()) {
            problems.send(ctx, Rejection.SHUTTING_DOWN,
                    "Fieldmark is shutting down; retry later or send the request to another instance");
            return;
        }
        ctx.addEndHandler(done -> inFlight.exit());
        if (apiKeyDigest != null && access == RouteTable.Access.KEY
                && !authorized(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            problems.send(ctx, Rejection.UNAUTHORIZED, "send the API key as 'Authorization: Bearer <key>'");
            return;
        }
        ctx.next();
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        // Digests have one length whatever the token, so the comparison time says nothing about the key.
        return MessageDigest.isEqual(sha256(authorization.substring(BEARER.length()).strip()), apiKeyDigest);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
