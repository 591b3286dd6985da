/**
 * Notification through an SNS topic (driven adapter of NotificationPort). Built in the AWS-path issue.
 */
package org.fieldmark.adapter.aws.sns;
