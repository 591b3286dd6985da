package org.fieldmark.adapter.http.in.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every operation the router answers, declared once (in {@link WebApi}), with who may call it.
 * Everything that needs the list reads it from here: the router is mounted from it, the request
 * metrics name their route by it, the API key check asks it which paths are open, and a request
 * no route took is answered from it: 405 with {@code Allow} when its path is known, else 404.
 * Paths are written as in openapi.yaml ({@code /v1/sightings/{id}/review}).
 */
final class RouteTable {

    /**
     * The browser page's own files (served by {@code WebPage} on the same router): public even with
     * an API key, since they hold no data; the page then asks for the key and sends it on API calls.
     */
    static final Set<String> PAGE_ASSETS = Set.of("/", "/index.html", "/app.js", "/style.css", "/deliveries.js",
            "/common.js", "/tiles.js", "/species.html", "/species.js");

    /** The species card page, {@code /species/<scientific name>}: one page file for every name. */
    static final String SPECIES_PAGE = "/species/";

    /** Where {@code WebPage} serves the interactive API docs (Swagger UI): files, public like the page's. */
    static final String DOCS = "/docs";

    /** The page's and the docs' files are only read. */
    private static final Set<HttpMethod> PAGE_METHODS = Set.of(HttpMethod.GET);

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    /** Who may call an operation; the same for every operation of one path. */
    enum Access {
        /** Without the key, and also while shutting down: the liveness probe. */
        ALWAYS,
        /** Without the key: probes rarely send headers. */
        OPEN,
        /** With the API key when one is configured. */
        KEY
    }

    /**
     * One operation. {@code guard} runs on a route of its own before the body is read (Vert.x
     * runs a route's body handler before its other handlers), {@code body} reads the body; both
     * may be {@code null}. An operation without {@code handler} is served by another module
     * mounted on the same router ({@code WebPage}): it is listed, not mounted, here.
     */
    record Operation(HttpMethod method, String path, Access access, Handler<RoutingContext> guard, BodyHandler body,
                     Handler<RoutingContext> handler) {

        Operation {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(access, "access");
        }

        static Operation of(HttpMethod method, String path, Access access, Handler<RoutingContext> handler) {
            return new Operation(method, path, access, null, null, Objects.requireNonNull(handler, "handler"));
        }

        /** An operation that takes a body: its media type checked first, then read. */
        static Operation withBody(HttpMethod method, String path, Handler<RoutingContext> guard, BodyHandler body,
                                  Handler<RoutingContext> handler) {
            return new Operation(method, path, Access.KEY, Objects.requireNonNull(guard, "guard"),
                    Objects.requireNonNull(body, "body"), Objects.requireNonNull(handler, "handler"));
        }

        /** An operation another module mounts on this router. */
        static Operation mountedElsewhere(HttpMethod method, String path) {
            return new Operation(method, path, Access.KEY, null, null, null);
        }

        /** The path as Vert.x routes it: {@code /v1/sightings/:id/review}. */
        String routerPath() {
            return PARAMETER.matcher(path).replaceAll(":$1");
        }

        @Override
        public String toString() {
            return method.name() + " " + path;
        }
    }

    private final List<Operation> operations;
    /** Each path with the pattern its requests match, in declaration order. */
    private final Map<String, Pattern> paths = new LinkedHashMap<>();

    RouteTable(List<Operation> operations) {
        this.operations = List.copyOf(operations);
        Map<String, Access> access = new LinkedHashMap<>();
        for (Operation operation : this.operations) {
            Access before = access.putIfAbsent(operation.path(), operation.access());
            if (before != null && before != operation.access()) {
                throw new IllegalArgumentException("the operations of " + operation.path() + " differ in who may "
                        + "call them (" + before + ", " + operation.access() + "): one path, one access");
            }
            paths.computeIfAbsent(operation.path(), RouteTable::pattern);
        }
    }

    List<Operation> operations() {
        return operations;
    }

    /** Mounts every operation this module serves on {@code router}, in declaration order. */
    void mount(Router router) {
        for (Operation operation : operations) {
            if (operation.handler() == null) {
                continue;
            }
            if (operation.guard() != null) {
                router.route(operation.method(), operation.routerPath()).handler(operation.guard());
            }
            Route route = router.route(operation.method(), operation.routerPath());
            if (operation.body() != null) {
                route.handler(operation.body());
            }
            route.handler(operation.handler());
        }
    }

    /** The declared path a request path belongs to ({@code /v1/sightings/{id}/review}); empty when none. */
    Optional<String> pathOf(String requestPath) {
        return paths.entrySet().stream().filter(entry -> entry.getValue().matcher(requestPath).matches())
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * The methods a request path takes, by name: its operations', or GET for the page's and the
     * docs' files; empty for a path nobody serves.
     */
    Set<HttpMethod> allowed(String requestPath) {
        if (isPageFile(requestPath)) {
            return PAGE_METHODS;
        }
        Set<HttpMethod> methods = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        pathOf(requestPath).ifPresent(path -> operations.stream().filter(operation -> operation.path().equals(path))
                .forEach(operation -> methods.add(operation.method())));
        return methods;
    }

    /** Who may call a request path, whatever its method: the page's files are open, unknown paths need the key. */
    Access access(String requestPath) {
        if (isPageFile(requestPath)) {
            return Access.OPEN;
        }
        return pathOf(requestPath).flatMap(path -> operations.stream()
                .filter(operation -> operation.path().equals(path)).map(Operation::access).findFirst())
                .orElse(Access.KEY);
    }

    /**
     * The page's files, the species card page and the docs' files: no data, so open even with an API
     * key (a browser cannot send the key when it navigates); the data they show comes from the API,
     * with the key.
     */
    static boolean isPageFile(String path) {
        return PAGE_ASSETS.contains(path) || path.equals(DOCS) || path.startsWith(DOCS + "/")
                || path.startsWith(SPECIES_PAGE);
    }

    /**
     * A declared path as a pattern of request paths: each {@code {name}} is one non-empty segment,
     * and a trailing slash is allowed, as Vert.x's router allows it.
     */
    private static Pattern pattern(String path) {
        StringBuilder regex = new StringBuilder();
        Matcher parameters = PARAMETER.matcher(path);
        int last = 0;
        while (parameters.find()) {
            regex.append(Pattern.quote(path.substring(last, parameters.start()))).append("[^/]+");
            last = parameters.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
