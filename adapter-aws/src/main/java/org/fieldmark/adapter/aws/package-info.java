/**
 * What the S3, SageMaker Runtime and SNS adapters share: building SDK clients once with the
 * url-connection HTTP client and endpoint overrides, and reading AWS errors.
 */
package org.fieldmark.adapter.aws;
