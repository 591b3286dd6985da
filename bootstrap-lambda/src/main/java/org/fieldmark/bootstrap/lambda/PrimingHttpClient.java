package org.fieldmark.bootstrap.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the priming clients: answers S3 GetObject, SageMaker InvokeEndpoint and SNS
 * Publish in memory, the way the services answer them, and opens no socket. Requests are told
 * apart by the host {@link SnapStartPriming} gives each service ({@code *.priming.invalid}, a
 * name that cannot resolve, so a request that got past this client could not go anywhere either).
 */
final class PrimingHttpClient implements SdkHttpClient {

    static final String S3_HOST = "s3.priming.invalid";
    static final String SAGEMAKER_HOST = "runtime.sagemaker.priming.invalid";
    static final String SNS_HOST = "sns.priming.invalid";

    /** Enough of a JPEG for the signature checks: the priming photo. */
    static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1,
        0, 1, 0, 0, (byte) 0xFF, (byte) 0xD9};

    /** One request answered in memory; {@code body} as text (the requests priming sends are small). */
    record Answered(String method, String host, String path, String authorization, String body) {
    }

    private final String modelAnswer;
    private final List<Answered> answered = new CopyOnWriteArrayList<>();
    /** Each read of the photo is a new upload (its own ETag), so no run finds the last one's outbox entry. */
    private final java.util.concurrent.atomic.AtomicInteger uploads = new java.util.concurrent.atomic.AtomicInteger();

    /** @param classes how many classes the model answer has (the catalog's size) */
    PrimingHttpClient(int classes) {
        this.modelAnswer = confidentAnswer(classes);
    }

    /** Every request answered, in order. */
    List<Answered> answered() {
        return List.copyOf(answered);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                answered.add(new Answered(http.method().name(), http.host(), http.encodedPath(),
                        http.firstMatchingHeader("Authorization").orElse(""), body(request)));
                return switch (http.host()) {
                    case S3_HOST -> respond(200, "image/jpeg", PHOTO, "\"priming-" + uploads.incrementAndGet() + "\"");
                    case SAGEMAKER_HOST -> respond(200, "application/json", modelAnswer.getBytes(StandardCharsets.UTF_8), null);
                    case SNS_HOST -> respond(200, "text/xml", ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                            + "<PublishResult><MessageId>priming</MessageId></PublishResult>"
                            + "<ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></PublishResponse>")
                            .getBytes(StandardCharsets.UTF_8), null);
                    default -> throw new IllegalStateException("priming sent a request to " + http.host()
                            + ", which only the real clients may call");
                };
            }

            @Override
            public void abort() {
                // Nothing in flight: the answer is already in memory.
            }
        };
    }

    @Override
    public String clientName() {
        return "FieldmarkPriming";
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private static String body(HttpExecuteRequest request) {
        return request.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
    }

    private static HttpExecuteResponse respond(int status, String contentType, byte[] body, String eTag) {
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("x-amzn-RequestId", "priming");
        if (eTag != null) {
            response.putHeader("ETag", eTag);
        }
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
    }

    /** A confident first class, the rest sharing what is left: fixed values, nothing random. */
    static String confidentAnswer(int classes) {
        StringBuilder json = new StringBuilder("[");
        double rest = classes > 1 ? 0.08 / (classes - 1) : 0.0;
        for (int i = 0; i < classes; i++) {
            json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", i == 0 ? (classes > 1 ? 0.92 : 1.0) : rest));
        }
        return json.append(']').toString();
    }
}
