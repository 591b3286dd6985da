package org.fieldmark.adapter.http.out.inference;

import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.fieldmark.adapter.http.out.CappedBody;
import org.fieldmark.adapter.http.out.FullJitterBackoff;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InferenceTimeoutException;
import org.fieldmark.application.error.InvalidModelOutputException;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.wire.json.ModelOutputJson;

/**
 * Runs the model on an HTTP model server speaking the SageMaker container contract or KServe
 * Open Inference Protocol v2. Calls block the calling (worker) thread; the JDK HTTP client does
 * the I/O. Throttled and unavailable answers (429, 502, 503, 504) and refused connections are
 * retried a bounded number of times (Failsafe) with exponential backoff and full jitter, honouring
 * {@code Retry-After} up to a cap; timeouts are not retried (the time is already spent).
 * Safe for concurrent callers.
 */
public final class HttpInferenceAdapter implements InferencePort {

    private static final int SNIPPET = 200;
    /** Model answers are small JSON documents; 8 MiB holds a probability vector for ~400k classes. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    /** The answers worth another attempt: throttled or unavailable. */
    private static final Set<Integer> THROTTLED = Set.of(429, 502, 503, 504);
    /** What a Failsafe delay function answers for "use the policy's backoff". */
    private static final Duration POLICY_BACKOFF = Duration.ofNanos(-1);

    /** What one attempt got back: status, headers and (at most {@link #MAX_ANSWER_BYTES} of) the body. */
    record Reply(int status, HttpHeaders headers, byte[] body, boolean truncated, long total) {
    }

    private final HttpInferenceSettings settings;
    private final HttpClient client;
    private final FailsafeExecutor<Reply> retries;
    private final String modelId;

    public HttpInferenceAdapter(HttpInferenceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retries = Failsafe.with(retryPolicy(settings));
        this.modelId = settings.protocol() == ModelServerProtocol.KSERVE_V2
                ? settings.modelName()
                : "http:" + settings.baseUrl();
    }

    /**
     * Retries throttled or unavailable answers and unreachable servers up to the attempts, with
     * full-jitter backoff. After an answer with a readable {@code Retry-After} the next attempt
     * waits what the server asked (capped) instead: Failsafe would jitter a computed delay, so the
     * policy's delay is zero then and {@link #attempt} waits before it sends.
     */
    static RetryPolicy<Reply> retryPolicy(HttpInferenceSettings settings) {
        RetryPolicyBuilder<Reply> policy = RetryPolicy.<Reply>builder()
                .handleResultIf(reply -> THROTTLED.contains(reply.status()))
                .handle(IOException.class)
                .withMaxAttempts(settings.maxAttempts())
                .withDelayFn(context -> serverAsked(context.getLastResult(), settings).isPresent()
                        ? Duration.ZERO : POLICY_BACKOFF);
        return new FullJitterBackoff(settings.initialBackoff(), settings.maxBackoff()).applyTo(policy).build();
    }

    /** The id reported with every answer: the KServe model name, or {@code http:<base URL>}. */
    public String modelId() {
        return modelId;
    }

    @Override
    public ModelOutput infer(ImageBytes image) {
        Objects.requireNonNull(image, "image");
        HttpRequest request = settings.protocol() == ModelServerProtocol.KSERVE_V2
                ? kserveRequest(image)
                : sageMakerRequest(image);
        Reply response = sendWithRetries(request);
        if (response.truncated()) {
            throw new InvalidModelOutputException("the answer of " + describe() + " is " + response.total()
                    + " bytes, above the " + MAX_ANSWER_BYTES + " bytes a probability vector may take; answer starts: "
                    + snippet(response.body()));
        }
        double[] probabilities = settings.protocol() == ModelServerProtocol.KSERVE_V2
                ? KserveOutput.probabilities(new String(response.body(), StandardCharsets.UTF_8), settings.outputName(),
                        this::describe)
                : sageMakerProbabilities(response.body());
        return new ModelOutput(probabilities, modelId);
    }

    /**
     * Whether the model server says it is ready: {@code GET {base}/ping} (SageMaker) or
     * {@code GET {base}/v2/models/{name}/ready} (KServe) answered 200 within the timeouts. Never
     * retries and never throws: an unreachable server is simply not ready.
     */
    public boolean ready() {
        URI uri = settings.protocol() == ModelServerProtocol.KSERVE_V2
                ? URI.create(settings.baseUrl() + "/v2/models/" + settings.modelName() + "/ready")
                : URI.create(settings.baseUrl() + "/ping");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET().build();
        try {
            return send(request).status() == 200;
        } catch (IOException | TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest sageMakerRequest(ImageBytes image) {
        String contentType = image.contentType().isEmpty() ? "application/x-image" : image.contentType();
        return HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/invocations"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image.bytes()))
                .build();
    }

    /*
     * The image travels as a one-element BYTES tensor holding the base64 of the encoded file,
     * marked with the "base64" content type (MLServer's codec name), plus the declared media type
     * as a parameter; the JSON form of v2 has no other portable way to carry raw bytes.
     */
    private HttpRequest kserveRequest(ImageBytes image) {
        JsonObject parameters = new JsonObject().put("content_type", "base64");
        if (!image.contentType().isEmpty()) {
            parameters.put("media_type", image.contentType());
        }
        JsonObject input = new JsonObject()
                .put("name", settings.inputName())
                .put("shape", new JsonArray().add(1))
                .put("datatype", "BYTES")
                .put("parameters", parameters)
                .put("data", new JsonArray().add(Base64.getEncoder().encodeToString(image.bytes())));
        JsonObject document = new JsonObject().put("inputs", new JsonArray().add(input));
        if (!settings.outputName().isEmpty()) {
            document.put("outputs", new JsonArray().add(new JsonObject().put("name", settings.outputName())));
        }
        return HttpRequest.newBuilder(URI.create(
                        settings.baseUrl() + "/v2/models/" + settings.modelName() + "/infer"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(document.encode(), StandardCharsets.UTF_8))
                .build();
    }

    private double[] sageMakerProbabilities(byte[] body) {
        try {
            return ModelOutputJson.parse(body);
        } catch (ModelOutputException e) {
            throw new InvalidModelOutputException(describe() + " answered something unreadable: " + e.getMessage(), e);
        }
    }

    private Reply sendWithRetries(HttpRequest request) {
        Reply reply;
        try {
            reply = retries.get(context -> attempt(request, context));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InferenceFailedException(describe() + ": interrupted while backing off", true, cause);
            }
            // An unreachable server is retried until the attempts run out.
            String why = cause instanceof ConnectException ? "could not be reached (connection refused)"
                    : "could not be reached (" + cause + ")";
            throw new InferenceFailedException(describe() + " " + why + " after " + attempts(settings.maxAttempts()),
                    true, cause);
        }
        return accepted(reply);
    }

    /** One attempt: waits first when the last answer asked for it, then sends; timeouts are final. */
    private Reply attempt(HttpRequest request, ExecutionContext<Reply> context) throws IOException {
        serverAsked(context.getLastResult(), settings).ifPresent(this::waitAsAsked);
        try {
            return send(request);
        } catch (TimeoutException | HttpTimeoutException e) {
            throw new InferenceTimeoutException(describe() + " did not answer within "
                    + settings.requestTimeout().toMillis() + " ms (connect timeout "
                    + settings.connectTimeout().toMillis() + " ms)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HttpTimeoutException) {
                throw new InferenceTimeoutException(describe() + " did not answer within "
                        + settings.requestTimeout().toMillis() + " ms", cause);
            }
            throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceFailedException(describe() + ": interrupted while waiting for the model", true, e);
        }
    }

    private void waitAsAsked(Duration wait) {
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceFailedException(describe() + ": interrupted while backing off", true, e);
        }
    }

    /** The wait a throttled answer asked for, capped; empty after other answers and failures. */
    private static Optional<Duration> serverAsked(Reply reply, HttpInferenceSettings settings) {
        return reply == null || !THROTTLED.contains(reply.status()) ? Optional.empty()
                : RetryAfter.asked(reply.headers().firstValue("Retry-After"), ZonedDateTime.now(),
                        settings.maxRetryAfter());
    }

    /** The last answer, if it is the model's; every other status becomes its error. */
    private Reply accepted(Reply response) {
        int status = response.status();
        if (status == 200) {
            return response;
        }
        String answer = "HTTP " + status + ": " + snippet(response.body());
        if (THROTTLED.contains(status)) {
            throw new InferenceFailedException(describe() + " is throttled or unavailable after "
                    + attempts(settings.maxAttempts()) + ", last answer " + answer, true);
        }
        if (status == 415) {
            throw new UnsupportedImageException(describe() + " cannot read the image: " + answer);
        }
        if (status >= 400 && status < 500) {
            throw new InferenceFailedException(describe() + " refused the request: " + answer, false);
        }
        if (status >= 500) {
            throw new InferenceFailedException(describe() + " failed: " + answer, true);
        }
        throw new InferenceFailedException(describe() + " answered with an unexpected status: " + answer, false);
    }

    private static String attempts(int count) {
        return count + (count == 1 ? " attempt" : " attempts");
    }

    private Reply send(HttpRequest request)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        // sendAsync + a bounded get: the deadline covers the body too, and an interrupt or a
        // timeout cancels the exchange instead of leaving it running.
        CappedBody body = new CappedBody(MAX_ANSWER_BYTES);
        CompletableFuture<HttpResponse<Void>> pending = client.sendAsync(request, body.handler());
        Duration deadline = settings.requestTimeout().plus(settings.connectTimeout());
        try {
            HttpResponse<Void> response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Reply(response.statusCode(), response.headers(), body.bytes(), body.truncated(), body.total());
        } catch (TimeoutException | InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
    }

    private String describe() {
        return settings.protocol() == ModelServerProtocol.KSERVE_V2
                ? "KServe model '" + settings.modelName() + "' at " + settings.baseUrl()
                : "model server " + settings.baseUrl();
    }

    static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "...";
    }

    static String snippet(String body) {
        return snippet(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the probability tensor from a KServe v2 inference response. */
    static final class KserveOutput {

        private KserveOutput() {
        }

        static double[] probabilities(String body, String wantedName, Supplier<String> who) {
            JsonObject root;
            try {
                root = new JsonObject(body);
            } catch (DecodeException | ClassCastException e) {
                throw invalid(who, "is not a JSON object", body, e);
            }
            Object outputsValue = root.getValue("outputs");
            if (!(outputsValue instanceof JsonArray outputs) || outputs.isEmpty()) {
                throw invalid(who, "has no 'outputs' array", body, null);
            }
            JsonObject chosen = null;
            List<String> seen = new ArrayList<>();
            for (Object candidate : outputs) {
                if (!(candidate instanceof JsonObject output)) {
                    throw invalid(who, "has an output that is not an object", body, null);
                }
                String name = String.valueOf(output.getValue("name"));
                String datatype = String.valueOf(output.getValue("datatype"));
                seen.add(name + " (" + datatype + ")");
                boolean matches = wantedName.isEmpty()
                        ? datatype.equals("FP32") || datatype.equals("FP64") || datatype.equals("FP16")
                        : name.equals(wantedName);
                if (matches && chosen == null) {
                    chosen = output;
                }
            }
            if (chosen == null) {
                throw invalid(who, wantedName.isEmpty()
                        ? "has no floating-point output tensor among " + seen
                        : "has no output named '" + wantedName + "' among " + seen, body, null);
            }
            List<Double> values = new ArrayList<>();
            flatten(chosen.getValue("data"), values, who, body);
            Object shapeValue = chosen.getValue("shape");
            if (shapeValue instanceof JsonArray shape && shape.size() > 1) {
                Object batch = shape.getValue(0);
                if (!(batch instanceof Number n) || n.longValue() != 1) {
                    throw invalid(who, "answered a batch of shape " + shape + "; expected one image's probabilities",
                            body, null);
                }
            }
            double[] probabilities = new double[values.size()];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = values.get(i);
            }
            return probabilities;
        }

        private static void flatten(Object data, List<Double> into, Supplier<String> who,
                                    String body) {
            if (data instanceof JsonArray array) {
                for (Object element : array) {
                    if (element instanceof JsonArray) {
                        flatten(element, into, who, body);
                    } else if (element instanceof Number number) {
                        into.add(number.doubleValue());
                    } else {
                        throw invalid(who, "has a non-numeric value '" + element + "' in its output tensor at class "
                                + into.size(), body, null);
                    }
                }
            } else {
                throw invalid(who, "has an output tensor without a 'data' array", body, null);
            }
        }

        private static InvalidModelOutputException invalid(Supplier<String> who, String what,
                                                           String body, Throwable cause) {
            return new InvalidModelOutputException("the answer of " + who.get() + " " + what + "; answer starts: "
                    + snippet(body), cause);
        }
    }
}
