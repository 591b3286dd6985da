/**
 * The {@code detector} locator: a user-supplied ONNX object detector finds the birds in a photo
 * and each bird box, with a margin of context, becomes a crop for the classifier.
 */
package org.fieldmark.adapter.local.detect;
