/**
 * Image storage in Amazon S3 (driven adapter of ImageStoragePort). Built in the AWS-path issue.
 */
package org.fieldmark.adapter.aws.s3;
