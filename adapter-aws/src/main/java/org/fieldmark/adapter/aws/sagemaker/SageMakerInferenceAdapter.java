package org.fieldmark.adapter.aws.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.fieldmark.adapter.aws.AwsErrors;
import org.fieldmark.application.error.InferenceFailedException;
import org.fieldmark.application.error.InferenceTimeoutException;
import org.fieldmark.application.error.InvalidModelOutputException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.InferencePort;
import org.fieldmark.application.port.out.ModelOutput;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.wire.json.ModelOutputJson;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;

/**
 * Runs the model behind a SageMaker real-time endpoint: InvokeEndpoint with the image as the
 * body, {@code Accept: application/json}, and the answer read by {@link ModelOutputJson}. The
 * SDK retries throttling and server errors itself; what is still failing after that comes out
 * retryable. A model that fails on the image ({@code ModelError}) or answers something that is
 * not a probability vector is not retryable, and the error quotes what came back.
 */
public final class SageMakerInferenceAdapter implements InferencePort {

    private static final int SNIPPET = 200;

    private final SageMakerRuntimeClient client;
    private final SageMakerSettings settings;

    public SageMakerInferenceAdapter(SageMakerRuntimeClient client, SageMakerSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public ModelOutput infer(ImageBytes image) {
        Objects.requireNonNull(image, "image");
        String endpoint = settings.endpointName();
        InvokeEndpointRequest.Builder request = InvokeEndpointRequest.builder()
                .endpointName(endpoint)
                .contentType(settings.contentType())
                .accept(SageMakerSettings.ACCEPT)
                .body(SdkBytes.fromByteArrayUnsafe(image.bytes()));
        if (settings.apiCallTimeout() != null) {
            request.overrideConfiguration(o -> o.apiCallTimeout(settings.apiCallTimeout()));
        }
        InvokeEndpointResponse response;
        try {
            response = client.invokeEndpoint(request.build());
        } catch (ModelErrorException e) {
            throw new InferenceFailedException("SageMaker endpoint '" + endpoint + "' could not run the model on the image ("
                    + AwsErrors.describe(e) + "; the model answered "
                    + (e.originalStatusCode() == null ? "without a status" : "HTTP " + e.originalStatusCode()) + ": "
                    + AwsErrors.snippet(e.originalMessage(), SNIPPET) + ")"
                    + (e.logStreamArn() == null ? "" : "; see the model's log stream " + e.logStreamArn()), false, e);
        } catch (ModelNotReadyException e) {
            throw new InferenceFailedException("SageMaker endpoint '" + endpoint + "' is not ready yet ("
                    + AwsErrors.describe(e) + "); try again later", true, e);
        } catch (SageMakerRuntimeException e) {
            boolean retryable = AwsErrors.transientFailure(e);
            throw new InferenceFailedException("SageMaker endpoint '" + endpoint + "' refused the call ("
                    + AwsErrors.describe(e) + ")" + (retryable ? "; still failing after the SDK's retries, try again later"
                    : "; check the endpoint name, its region and the function's sagemaker:InvokeEndpoint permission"),
                    retryable, e);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new InferenceTimeoutException("SageMaker endpoint '" + endpoint + "' did not answer within "
                    + settings.apiCallTimeout() + ": " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw new InferenceFailedException("could not reach SageMaker endpoint '" + endpoint + "': " + e.getMessage(),
                    true, e);
        }
        byte[] body = response.body() == null ? new byte[0] : response.body().asByteArrayUnsafe();
        try {
            // Read as the bytes that came: decoding 20 kB of numbers into a String costs as much as a tenth of the parse.
            double[] probabilities = ModelOutputJson.parse(body);
            String variant = response.invokedProductionVariant();
            return new ModelOutput(probabilities, variant == null || variant.isBlank() ? endpoint : endpoint + "/" + variant);
        } catch (ModelOutputException e) {
            throw new InvalidModelOutputException("SageMaker endpoint '" + endpoint + "' answered with "
                    + (response.contentType() == null ? "no content type" : "content type '" + response.contentType() + "'")
                    + " and " + new String(body, StandardCharsets.UTF_8).length() + " characters that are not a probability vector: " + e.getMessage(), e);
        }
    }
}
