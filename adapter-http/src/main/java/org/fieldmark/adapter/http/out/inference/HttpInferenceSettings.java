package org.fieldmark.adapter.http.out.inference;

import org.fieldmark.adapter.http.out.SettingsChecks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.ConfigurationInvalidException;

/**
 * How to reach an HTTP model server. Built by the bootstrap from configuration; every problem is
 * reported at once as a {@link ConfigurationInvalidException}.
 *
 * @param baseUrl        the server's base URL, e.g. {@code http://127.0.0.1:8080} (a trailing slash is dropped)
 * @param protocol       which wire protocol the server speaks
 * @param modelName      the KServe model name (required for {@link ModelServerProtocol#KSERVE_V2}, ignored otherwise)
 * @param inputName      the KServe input tensor's name that carries the image
 * @param outputName     the KServe output tensor to read; empty picks the first FP32/FP64/FP16 output
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for the whole answer of one attempt
 * @param maxAttempts    attempts in total for throttled or unavailable answers (1 = no retry)
 * @param initialBackoff the first retry's backoff ceiling; doubled per retry, with full jitter
 * @param maxBackoff     the largest backoff ceiling
 * @param maxRetryAfter  the longest {@code Retry-After} honoured; longer ones wait this long
 */
public record HttpInferenceSettings(URI baseUrl, ModelServerProtocol protocol, String modelName, String inputName,
                                    String outputName, Duration connectTimeout, Duration requestTimeout,
                                    int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                                    Duration maxRetryAfter) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(5);

    public HttpInferenceSettings {
        modelName = modelName == null ? "" : modelName.strip();
        inputName = inputName == null || inputName.isBlank() ? "image" : inputName.strip();
        outputName = outputName == null ? "" : outputName.strip();
        List<String> problems = new ArrayList<>();
        if (baseUrl == null) {
            problems.add("the model server's base URL is not set; set it to e.g. http://127.0.0.1:8080");
        } else {
            String scheme = baseUrl.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || baseUrl.getHost() == null) {
                problems.add("the model server's base URL '" + baseUrl + "' is not an http(s) URL with a host");
            } else if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                problems.add("the model server's base URL '" + baseUrl + "' must not have a query or fragment");
            } else {
                String text = baseUrl.toString();
                while (text.endsWith("/")) {
                    text = text.substring(0, text.length() - 1);
                }
                baseUrl = URI.create(text);
            }
        }
        if (protocol == null) {
            problems.add("the model server protocol is not set; set it to SAGEMAKER or KSERVE_V2");
        } else if (protocol == ModelServerProtocol.KSERVE_V2
                && (modelName.isEmpty() || !modelName.matches("[A-Za-z0-9._-]+"))) {
            problems.add("the KServe model name '" + modelName
                    + "' is missing or invalid; set it to the model's name (letters, digits, '.', '_', '-')");
        }
        SettingsChecks.positive(problems, "inference", "connect timeout", connectTimeout);
        SettingsChecks.positive(problems, "inference", "request timeout", requestTimeout);
        if (maxAttempts < 1 || maxAttempts > 10) {
            problems.add("the inference max attempts " + maxAttempts + " is outside 1..10");
        }
        SettingsChecks.notNegative(problems, "inference", "initial backoff", initialBackoff);
        SettingsChecks.notNegative(problems, "inference", "max backoff", maxBackoff);
        SettingsChecks.notNegative(problems, "inference", "max Retry-After", maxRetryAfter);
        if (!problems.isEmpty()) {
            throw new ConfigurationInvalidException(problems);
        }
    }

    /** A SageMaker-contract container at {@code baseUrl} with the default timeouts and retries. */
    public static HttpInferenceSettings sageMaker(URI baseUrl) {
        return new HttpInferenceSettings(baseUrl, ModelServerProtocol.SAGEMAKER, "", "", "", DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
                DEFAULT_MAX_RETRY_AFTER);
    }

    /** A KServe v2 server at {@code baseUrl} serving {@code modelName}, with the default timeouts and retries. */
    public static HttpInferenceSettings kserveV2(URI baseUrl, String modelName) {
        return new HttpInferenceSettings(baseUrl, ModelServerProtocol.KSERVE_V2, modelName, "", "",
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF, DEFAULT_MAX_RETRY_AFTER);
    }

    /** The same settings with other timeouts. */
    public HttpInferenceSettings withTimeouts(Duration connect, Duration request) {
        return new HttpInferenceSettings(baseUrl, protocol, modelName, inputName, outputName, connect, request,
                maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
    }

    /** The same settings with another retry policy. */
    public HttpInferenceSettings withRetries(int attempts, Duration initial, Duration max, Duration retryAfterCap) {
        return new HttpInferenceSettings(baseUrl, protocol, modelName, inputName, outputName, connectTimeout,
                requestTimeout, attempts, initial, max, retryAfterCap);
    }

    /** The same settings with other KServe tensor names (empty output name: first floating-point output). */
    public HttpInferenceSettings withTensors(String input, String output) {
        return new HttpInferenceSettings(baseUrl, protocol, modelName, input, output, connectTimeout,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
    }
}
