package org.fieldmark.adapter.http.in.web;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.fieldmark.adapter.http.json.ResultJson;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.ClassifyImageCommand;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.RecentIdentificationsQuery;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;

/**
 * Identifying one photo: {@code POST /v1/classify} (the photo in the request),
 * {@code POST /v1/identify} (a stored photo or a URL) and the list of recent identifications,
 * {@code GET /v1/identifications}. Identifications run on the {@link InferencePool}.
 */
final class IdentifyRoutes {

    /** Types a multipart {@code image} part may declare: browsers and curl send octet-stream for unknown files. */
    private static final Set<String> PART_IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/bmp",
            "application/x-image", "application/octet-stream", "");

    private final IdentifyBirdUseCase identify;
    private final Optional<IdentifyBirdUseCase> urlIdentify;
    private final RecentIdentificationsQuery recent;
    private final int defaultRecentLimit;
    private final InferencePool pool;
    private final ApiMetrics metrics;
    private final Problems problems;

    IdentifyRoutes(WebApi.UseCases useCases, int defaultRecentLimit, InferencePool pool, ApiMetrics metrics,
                   Problems problems) {
        this.identify = useCases.identify();
        this.urlIdentify = useCases.urlIdentify();
        this.recent = useCases.recent();
        this.defaultRecentLimit = defaultRecentLimit;
        this.pool = Objects.requireNonNull(pool, "pool");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    void classify(RoutingContext ctx) {
        MultiMap query = ctx.queryParams();
        RuleOverrides overrides = Requests.overrides(query);
        boolean notify = Requests.flag(query, "notify", false);
        String key = Optional.ofNullable(query.get("key")).orElseGet(() -> "upload-" + UUID.randomUUID());
        Callable<ImageBytes> image;
        if (BodyGuards.MULTIPART.equals(Requests.mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))) {
            FileUpload upload = imagePart(ctx);
            if (upload == null) {
                return;
            }
            image = () -> new ImageBytes(Files.readAllBytes(Path.of(upload.uploadedFileName())),
                    upload.contentType());
        } else {
            Buffer body = ctx.body().buffer();
            byte[] bytes = body == null ? new byte[0] : body.getBytes();
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            image = () -> new ImageBytes(bytes, type);
        }
        pool.submit(ctx, () -> identify.classify(new ClassifyImageCommand(key, image.call(), notify, overrides)),
                result -> identified(ctx, result));
    }

    /** The upload's {@code image} part, or {@code null} when a problem was sent instead. */
    private FileUpload imagePart(RoutingContext ctx) {
        List<FileUpload> images = ctx.fileUploads().stream().filter(upload -> "image".equals(upload.name())).toList();
        if (images.size() != 1) {
            throw new InvalidRequestException("a multipart/form-data upload needs exactly one file field 'image', got "
                    + images.size());
        }
        FileUpload upload = images.get(0);
        String type = Requests.mediaType(upload.contentType());
        if (!PART_IMAGE_TYPES.contains(type)) {
            problems.send(ctx, Rejection.UNSUPPORTED_MEDIA_TYPE, "the multipart field 'image' must be image/jpeg, "
                    + "image/png, image/bmp, application/x-image or application/octet-stream; got "
                    + BodyGuards.described(upload.contentType()));
            return null;
        }
        return upload;
    }

    void identify(RoutingContext ctx) {
        JsonObject body = Requests.jsonObject(ctx.body().buffer());
        RuleOverrides overrides = Requests.overrides(ctx.queryParams());
        boolean notify = Requests.flag(ctx.queryParams(), "notify", true);
        Optional<String> url = Requests.string(body, "url", "body");
        Optional<String> bucket = Requests.string(body, "bucket", "body");
        Optional<String> key = Requests.string(body, "key", "body");
        IdentifyBirdUseCase useCase;
        ImageReference reference;
        if (url.isPresent()) {
            if (bucket.isPresent() || key.isPresent()) {
                throw new InvalidRequestException("send either {\"bucket\", \"key\"} or {\"url\"}, not both");
            }
            String scheme = url.get().contains(":") ? url.get().substring(0, url.get().indexOf(':')) : "";
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
                throw new InvalidRequestException("\"url\" must be an http or https URL, got '" + url.get() + "'");
            }
            if (urlIdentify.isEmpty()) {
                problems.send(ctx, Rejection.URL_FETCHING_NOT_CONFIGURED,
                        "this server does not fetch images by URL; configure the URL image store, or send "
                                + "{\"bucket\", \"key\"} or the image itself to /v1/classify");
                return;
            }
            useCase = urlIdentify.get();
            reference = ImageReference.of(url.get());
        } else {
            String k = key.orElseThrow(() -> new InvalidRequestException(
                    "send {\"bucket\": \"...\", \"key\": \"...\"} or {\"url\": \"...\"}"));
            reference = new ImageReference(bucket.orElse(""), k);
            useCase = identify;
        }
        IdentifyImageCommand command = new IdentifyImageCommand(reference, notify, overrides);
        pool.submit(ctx, () -> useCase.identify(command), result -> identified(ctx, result));
    }

    void recent(RoutingContext ctx) {
        int limit = Requests.limit(ctx.queryParams(), defaultRecentLimit);
        ctx.vertx().executeBlocking(() -> recent.recent(limit), false)
                .onSuccess(list -> Answers.json(ctx, 200,
                        Map.of("identifications", list.stream().map(ResultJson::of).toList())))
                .onFailure(ctx::fail);
    }

    private void identified(RoutingContext ctx, IdentificationResult result) {
        metrics.identified(result);
        Answers.json(ctx, 200, ResultJson.of(result));
    }
}
