package org.fieldmark.adapter.http.in.page;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;

/**
 * The browser page at {@code /} (plain HTML, CSS and JS shipped in the jar, no CDN) and the
 * endpoint that shows photos of the watched folder in its list, {@code GET /v1/images?key=...}
 * (400 without a key, 404 for anything it cannot show).
 * That endpoint reads only through the folder's {@link ImageStoragePort}, which refuses keys that
 * leave the folder, so it cannot serve anything else.
 */
public final class WebPage {

    /** Class-path folder of the page's files. */
    static final String WEBROOT = "fieldmark-webroot";

    private final ImageStoragePort previews;

    /**
     * @param previews where the list's photos are read from (the watched folder), or {@code null}
     *                 when the server has no local photos to show
     */
    public WebPage(ImageStoragePort previews) {
        this.previews = previews;
    }

    /** Adds {@code GET /v1/images} and the page's static files to {@code router}. */
    public void mount(Vertx vertx, Router router) {
        Objects.requireNonNull(vertx, "vertx");
        router.get("/v1/images").handler(ctx -> preview(vertx, ctx));
        router.route("/*").handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Content-Security-Policy",
                            "default-src 'self'; img-src 'self' blob:; style-src 'self'; script-src 'self'")
                    .putHeader("Referrer-Policy", "no-referrer");
            ctx.next();
        });
        router.get("/*").handler(StaticHandler.create(WEBROOT).setCachingEnabled(false).setIndexPage("index.html"));
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
