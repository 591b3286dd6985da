package org.fieldmark.configuration.archfixture;

import org.fieldmark.domain.archfixture.PureDomainThing;

/** Good: configuration builds core values. */
public class ConfigurationThing {
    public Object value() {
        return new PureDomainThing();
    }
}
