package org.fieldmark.application.error;

/** The model could not be run or refused the image; retryable when throttled or unavailable. */
public final class InferenceFailedException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    public InferenceFailedException(String message, boolean retryable, Throwable cause) {
        super(ErrorCode.INFERENCE_FAILED, retryable, message, cause);
    }

    public InferenceFailedException(String message, boolean retryable) {
        super(ErrorCode.INFERENCE_FAILED, retryable, message, null);
    }
}
