package org.fieldmark.adapter.http.in.page;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;

/**
 * The browser page at {@code /} (plain HTML, CSS and JS shipped in the jar, no CDN), the
 * interactive API docs at {@code /docs} (Swagger UI's webjar, also from the jar) and the
 * endpoint that shows photos of the watched folder in its list, {@code GET /v1/images?key=...}
 * (400 without a key, 404 for anything it cannot show), the species card page at
 * {@code /species/<scientific name>} (one file; its script reads the name from the address) and
 * {@code GET /v1/intake}, the ways in the page's first screen names (the watched folder's path).
 * That endpoint reads only through the folder's {@link ImageStoragePort}, which refuses keys that
 * leave the folder, so it cannot serve anything else.
 */
public final class WebPage {

    /** Class-path folder of the page's files. */
    static final String WEBROOT = "fieldmark-webroot";

    /** Class-path folder of the docs page and its Swagger UI set-up (pointed at /openapi.yaml). */
    static final String DOCS_ROOT = "fieldmark-docs";

    /** Swagger UI's webjar: its version folder is named in its Maven properties. */
    private static final String SWAGGER_UI_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    /**
     * Swagger UI needs inline styles (React sets style attributes) and data: images (its icons);
     * scripts still only from this server.
     */
    static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; connect-src 'self'";

    /** Where the species card page is served: {@code /species/Cardinalis%20cardinalis}. */
    static final String SPECIES_PAGE = "/species/";

    private final ImageStoragePort previews;
    private final Optional<Path> watchedFolder;

    /**
     * @param previews      where the list's photos are read from (the watched folder), or {@code null}
     *                      when the server has no local photos to show
     * @param watchedFolder the folder whose new photos are identified, as the first screen names it;
     *                      empty when no folder is watched
     */
    public WebPage(ImageStoragePort previews, Optional<Path> watchedFolder) {
        this.previews = previews;
        this.watchedFolder = Objects.requireNonNull(watchedFolder, "watchedFolder");
    }

    /**
     * Adds {@code GET /v1/images}, the page's static files and the interactive API docs at
     * {@code /docs} (Swagger UI from its webjar, showing {@code /openapi.yaml}) to {@code router}.
     */
    public void mount(Vertx vertx, Router router) {
        Objects.requireNonNull(vertx, "vertx");
        router.get("/v1/images").handler(ctx -> preview(vertx, ctx));
        router.get("/v1/intake").handler(this::intake);
        router.route("/*").handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' blob:; style-src 'self'; script-src 'self'")
                    .putHeader("Referrer-Policy", "no-referrer");
            ctx.next();
        });
        // Swagger UI's files are relative to the page, so /docs is /docs/ (a route "/docs" also matches "/docs/").
        router.get("/docs").handler(ctx -> {
            if (ctx.request().path().equals("/docs")) {
                ctx.redirect("/docs/");
            } else {
                ctx.next();
            }
        });
        router.route("/docs/*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", DOCS_POLICY);
            ctx.next();
        });
        router.get("/docs/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .sendFile(DOCS_ROOT + "/index.html"));
        router.get("/docs/*").handler(StaticHandler.create(DOCS_ROOT).setCachingEnabled(false));
        router.get("/docs/*").handler(StaticHandler.create(swaggerUiRoot()));
        router.get(SPECIES_PAGE + "*").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8").sendFile(WEBROOT + "/species.html"));
        router.get("/*").handler(StaticHandler.create(WEBROOT).setCachingEnabled(false).setIndexPage("index.html"));
    }

    /** The class-path folder of the Swagger UI webjar's files. */
    static String swaggerUiRoot() {
        Properties properties = new Properties();
        try (InputStream in = WebPage.class.getClassLoader().getResourceAsStream(SWAGGER_UI_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI (org.webjars:swagger-ui) is not on the class path; "
                        + "the server needs it for /docs");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "META-INF/resources/webjars/swagger-ui/" + properties.getProperty("version");
    }

    /** The ways photos come in besides an upload: the watched folder's path, or null. */
    private void intake(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("watchedFolder", watchedFolder.map(Path::toString).orElse(null)).encode());
    }

    private void preview(Vertx vertx, RoutingContext ctx) {
        String key = ctx.request().getParam("key");
        if (key == null || key.isBlank()) {
            problem(ctx, 400, "INVALID_REQUEST", "name the photo: /v1/images?key=<key in the watched folder>, "
                    + "e.g. /v1/images?key=garden%2Frobin.jpg");
            return;
        }
        if (previews == null) {
            problem(ctx, 404, "IMAGE_NOT_FOUND", "this server has no watched folder, so no photos to show");
            return;
        }
        vertx.executeBlocking(() -> previews.fetch(ImageReference.of(key))).onComplete(done -> {
            if (done.succeeded()) {
                StoredImage image = done.result();
                ctx.response()
                        .putHeader("Content-Type", image.contentType().isEmpty() ? "application/octet-stream"
                                : image.contentType())
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Content-Security-Policy", "default-src 'none'")
                        .putHeader("Cache-Control", "private, max-age=60")
                        .end(Buffer.buffer(image.image().bytes()));
            } else if (done.cause() instanceof FieldmarkException e) {
                // Whatever the reason (outside the folder, gone, too large), the page only needs "no photo".
                problem(ctx, 404, e.code().name(), e.getMessage());
            } else {
                problem(ctx, 500, "INTERNAL_ERROR", "reading the photo failed");
            }
        });
    }

    /** The same problem document as the API's (type, title, status, code, retryable, detail, instance). */
    private static void problem(RoutingContext ctx, int status, String code, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank")
                        .put("title", HttpResponseStatus.valueOf(status).reasonPhrase()).put("status", status)
                        .put("code", code).put("retryable", false).put("detail", detail)
                        .put("instance", ctx.request().path()).encode());
    }
}
