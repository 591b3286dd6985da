/**
 * Locators that need no model of their own: the whole frame, its size read from the header.
 * The classifier search lives next to the embedded model ({@code adapter.local.onnx}).
 */
package org.fieldmark.adapter.local.locate;
