package org.fieldmark.application.testing;

import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.domain.IdentificationRules;
import org.fieldmark.domain.SpeciesCatalog;

/** Builds identification results for notifier tests without running the service. */
public final class Results {

    private Results() {
    }

    /** A result for {@code key} identified from {@code probabilities} with the workshop-4 catalog. */
    public static IdentificationResult workshop(String bucket, String key, double... probabilities) {
        return new IdentificationResult(new ImageReference(bucket, key), "etag-1", "image/jpeg", 1234,
                IdentificationRules.DEFAULT.identify(key, probabilities, SpeciesCatalog.WORKSHOP_4), "test-model",
                new IdentificationResult.Timings(1.0, 2.0, 3.5));
    }
}
