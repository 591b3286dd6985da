package org.fieldmark.application.error;

/**
 * The closed list of things that can go wrong, each with a stable code that entry points map
 * (one {@code switch} per entry point) to an HTTP status, a Lambda failure or a log line.
 */
public enum ErrorCode {
    /** The request itself is wrong: a blank key, an out-of-range parameter. */
    INVALID_REQUEST,
    /** The image does not exist where it was said to be. */
    IMAGE_NOT_FOUND,
    /** The image has zero bytes. */
    IMAGE_EMPTY,
    /** The image is above the configured size limit. */
    IMAGE_TOO_LARGE,
    /** The content is not a JPEG, PNG or BMP image, or is declared as something else. */
    UNSUPPORTED_IMAGE,
    /** The image store could not be read (outage, throttling, access denied). */
    STORAGE_UNAVAILABLE,
    /** The model could not be run or refused the image. */
    INFERENCE_FAILED,
    /** The model did not answer in time. */
    INFERENCE_TIMEOUT,
    /** The model answered with something that is not a probability vector for the catalog. */
    INVALID_MODEL_OUTPUT,
    /** The identification could not be delivered to people. */
    NOTIFICATION_FAILED,
    /** Settings are missing or wrong. */
    CONFIGURATION_INVALID,
    /** No sighting in the bird log has the given id. */
    SIGHTING_NOT_FOUND
}
