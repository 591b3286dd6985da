/**
 * Inference through a SageMaker Runtime endpoint (driven adapter of InferencePort). Built in the AWS-path issue.
 */
package org.fieldmark.adapter.aws.sagemaker;
