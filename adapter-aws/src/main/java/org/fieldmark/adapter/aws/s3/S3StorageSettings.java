package org.fieldmark.adapter.aws.s3;

/**
 * How the S3 adapter reads images.
 *
 * @param maxImageBytes objects above this size are refused without reading their body
 */
public record S3StorageSettings(long maxImageBytes) {

    /** 6 MB, the SageMaker real-time payload limit. */
    public static final long DEFAULT_MAX_IMAGE_BYTES = 6L * 1024 * 1024;

    public S3StorageSettings {
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException("maximum image size must be at least 1 byte, got " + maxImageBytes);
        }
    }

    public static S3StorageSettings defaults() {
        return new S3StorageSettings(DEFAULT_MAX_IMAGE_BYTES);
    }
}
