/**
 * What the bytes of a photo say about themselves before any pixel is decoded: whether a JPEG's
 * structure is all there, and what its frame header declares. The folder watcher and the decoder
 * share this one rule.
 */
package org.fieldmark.adapter.local.image;
