/**
 * Fieldmark as a model server, driving ClassifyBatchUseCase:
 * {@link org.fieldmark.adapter.http.in.serving.ModelServingApi} answers the Open Inference Protocol
 * v2 (KServe, Triton: health, metadata, infer with a BYTES tensor of base64-encoded images, the
 * classification extension) and the SageMaker container contract ({@code /ping},
 * {@code /invocations}) together with SageMaker Runtime's own path
 * ({@code /endpoints/{name}/invocations}). Each protocol maps the error family in one place into
 * its own error shape.
 */
package org.fieldmark.adapter.http.in.serving;
