package org.fieldmark.domain;

/**
 * A model's output cannot be used: not parseable, the wrong length for the catalog, or holding
 * values that are not probabilities. The message says what was wrong and where.
 */
public final class ModelOutputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ModelOutputException(String message) {
        super(message);
    }
}
