/**
 * Notification by signed webhook. Built in the standalone-server issue.
 */
package org.fieldmark.adapter.http.out.webhook;
