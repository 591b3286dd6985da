package org.fieldmark.application.error;

import java.util.List;

/** Settings are missing or wrong; lists every problem at once. Never retryable. */
public final class ConfigurationInvalidException extends FieldmarkException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationInvalidException(List<String> problems) {
        super(ErrorCode.CONFIGURATION_INVALID, false, describe(problems), null);
        this.problems = List.copyOf(problems);
    }

    /** Each problem as a sentence that says what to set. */
    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        return "configuration is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n  - " + String.join("\n  - ", problems);
    }
}
