package org.fieldmark.adapter.aws.sagemaker;

import java.time.Duration;
import java.util.Objects;

/**
 * Which endpoint to invoke and how.
 *
 * @param endpointName   the SageMaker endpoint's name
 * @param contentType    what the image is sent as; the workshop's image-classification
 *                       container wants {@code application/x-image}
 * @param apiCallTimeout the whole call's limit, retries included; {@code null} for none
 */
public record SageMakerSettings(String endpointName, String contentType, Duration apiCallTimeout) {

    public static final String DEFAULT_CONTENT_TYPE = "application/x-image";
    public static final String ACCEPT = "application/json";

    public SageMakerSettings {
        Objects.requireNonNull(endpointName, "endpointName");
        if (endpointName.isBlank()) {
            throw new IllegalArgumentException("SageMaker endpoint name must not be blank");
        }
        contentType = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
        if (apiCallTimeout != null && (apiCallTimeout.isNegative() || apiCallTimeout.isZero())) {
            throw new IllegalArgumentException("SageMaker call timeout must be positive, got " + apiCallTimeout);
        }
    }

    /** The workshop's call: {@code application/x-image}, no timeout beyond the HTTP client's. */
    public static SageMakerSettings of(String endpointName) {
        return new SageMakerSettings(endpointName, DEFAULT_CONTENT_TYPE, null);
    }
}
