package org.fieldmark.application.archfixture;

import dev.failsafe.RetryPolicy;

/** Bad: retries belong to outbound adapters, not the application. */
public class ApplicationUsingFailsafe {
    public Object policy() {
        return RetryPolicy.builder().withMaxRetries(2).build();
    }
}
