package org.fieldmark.adapter.http.archfixture;

import dev.failsafe.RetryPolicy;

/** Good: an outbound adapter retries with Failsafe. */
public class HttpUsingFailsafe {
    public Object policy() {
        return RetryPolicy.builder().withMaxRetries(2).build();
    }
}
