/**
 * Image storage in Amazon S3 (driven adapter of ImageStoragePort), event claims with conditional
 * writes (IdempotencyPort), and presigned links to the
 * images for notifications.
 */
package org.fieldmark.adapter.aws.s3;
