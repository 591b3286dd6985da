package org.fieldmark.adapter.aws.sns;

import java.util.Objects;

/**
 * Where and how to publish.
 *
 * @param topicArn the topic's ARN; a name ending in {@code .fifo} makes it a FIFO topic
 * @param subject  the subject e-mail subscribers see, {@code null} for none (SMS ignores it)
 */
public record SnsSettings(String topicArn, String subject) {

    public SnsSettings {
        Objects.requireNonNull(topicArn, "topicArn");
        if (topicArn.isBlank()) {
            throw new IllegalArgumentException("SNS topic ARN must not be blank");
        }
        subject = subject == null || subject.isBlank() ? null : subject;
        if (subject != null && (subject.length() > 100 || subject.chars().anyMatch(c -> c < 0x20 || c > 0x7E))) {
            throw new IllegalArgumentException("SNS subject must be at most 100 printable ASCII characters without "
                    + "line breaks, got '" + subject + "'");
        }
    }

    /** Publish to {@code topicArn} without a subject, as the workshop did. */
    public static SnsSettings of(String topicArn) {
        return new SnsSettings(topicArn, null);
    }

    /** {@code true} for FIFO topics, which need a message group and a deduplication id. */
    public boolean fifo() {
        return topicArn.endsWith(".fifo");
    }
}
