/**
 * Notification by webhook: JSON POSTs signed with HMAC-SHA256, retried with backoff and jitter
 * ({@link org.fieldmark.adapter.http.out.webhook.WebhookNotificationAdapter}).
 */
package org.fieldmark.adapter.http.out.webhook;
