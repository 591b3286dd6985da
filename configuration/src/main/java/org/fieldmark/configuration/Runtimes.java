package org.fieldmark.configuration;

/** Which runtimes read an option: the standalone server, the Lambda functions, or both. */
public enum Runtimes {
    SERVER, LAMBDA, BOTH;

    /** {@code true} when an option declared for these runtimes is read by {@code runtime}. */
    public boolean covers(Runtimes runtime) {
        return this == BOTH || this == runtime;
    }
}
