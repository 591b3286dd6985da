/**
 * A local folder as the image bucket, and its watcher. Built in the embedded-mode issue.
 */
package org.fieldmark.adapter.local.folder;
