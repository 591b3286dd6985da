/**
 * The bundled bird model run in-process with ONNX Runtime, and the {@code search} locator that uses it
 * to find the bird (windows scored in batches from one decode).
 */
package org.fieldmark.adapter.local.onnx;
