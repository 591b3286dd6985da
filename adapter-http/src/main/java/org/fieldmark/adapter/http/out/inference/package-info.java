/**
 * Inference through an HTTP model server (SageMaker container contract, KServe v2). Built in the standalone-server issue.
 */
package org.fieldmark.adapter.http.out.inference;
