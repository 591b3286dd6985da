package org.fieldmark.application.port.in;

/**
 * Per-request changes to the configured certainty threshold and K; {@code null} keeps the
 * configured value. Values are checked when applied, and a bad one is an invalid request.
 *
 * @param threshold certainty threshold in [0, 1], or {@code null}
 * @param topK      number of predictions, at least 1, or {@code null}
 */
public record RuleOverrides(Double threshold, Integer topK) {

    /** No overrides. */
    public static final RuleOverrides NONE = new RuleOverrides(null, null);
}
