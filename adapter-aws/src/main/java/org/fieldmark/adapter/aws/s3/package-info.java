/**
 * Image storage in Amazon S3 (driven adapter of ImageStoragePort), and presigned links to the
 * images for notifications.
 */
package org.fieldmark.adapter.aws.s3;
