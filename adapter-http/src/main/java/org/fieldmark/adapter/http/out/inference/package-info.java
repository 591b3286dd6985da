/**
 * Inference through an HTTP model server: the SageMaker container contract or KServe Open
 * Inference Protocol v2 ({@link org.fieldmark.adapter.http.out.inference.HttpInferenceAdapter}).
 */
package org.fieldmark.adapter.http.out.inference;
