/**
 * The S3-triggered Lambda function: {@link org.fieldmark.bootstrap.lambda.S3EventHandler}, its
 * configuration read once from the environment, and its wiring with plain constructors.
 */
package org.fieldmark.bootstrap.lambda;
