/**
 * Notifications written to the log. Built in the embedded-mode issue.
 */
package org.fieldmark.adapter.local.log;
