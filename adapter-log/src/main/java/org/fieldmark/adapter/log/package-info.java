/**
 * Notifications written to the log, for both runtimes: each line is a structured event the
 * runtime's logging writes as one JSON object (the server's JSON lines, the Lambda's CloudWatch
 * lines with level and request id in front).
 */
package org.fieldmark.adapter.log;
