package org.fieldmark.adapter.http.in.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a request's media type before its body is read: a body the endpoint cannot take is
 * refused with 415 without being spooled.
 */
final class BodyGuards {

    /** Content types {@code POST /v1/classify} takes as a raw body. */
    static final Set<String> RAW_IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/bmp", "application/x-image");

    static final String MULTIPART = "multipart/form-data";

    private final Problems problems;

    BodyGuards(Problems problems) {
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** An image as the raw body, or a multipart form (whose {@code image} part is checked once read). */
    void image(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String type = Requests.mediaType(header);
        if (RAW_IMAGE_TYPES.contains(type) || MULTIPART.equals(type)) {
            ctx.next();
            return;
        }
        problems.send(ctx, Rejection.UNSUPPORTED_MEDIA_TYPE, "send the image as the body with Content-Type "
                + "image/jpeg, image/png, image/bmp or application/x-image, or as the multipart/form-data field "
                + "'image'; got " + described(header));
    }

    /** A JSON object: {@code application/json} or any {@code +json} type. */
    void json(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String type = Requests.mediaType(header);
        if (Answers.JSON.equals(type) || type.endsWith("+json")) {
            ctx.next();
            return;
        }
        problems.send(ctx, Rejection.UNSUPPORTED_MEDIA_TYPE,
                "send a JSON object with Content-Type application/json; got " + described(header));
    }

    static String described(String contentType) {
        return contentType == null || contentType.isBlank() ? "no Content-Type" : "'" + contentType + "'";
    }
}
