/**
 * The bundled bird model run in-process with ONNX Runtime. Built in the embedded-mode issue.
 */
package org.fieldmark.adapter.local.onnx;
