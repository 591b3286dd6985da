package org.fieldmark.application.error;

/** The model did not answer in time; retryable. */
public final class InferenceTimeoutException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public InferenceTimeoutException(String message, Throwable cause) {
        super(ErrorCode.INFERENCE_TIMEOUT, true, message, cause);
    }

    public InferenceTimeoutException(String message) {
        super(ErrorCode.INFERENCE_TIMEOUT, true, message, null);
    }
}
