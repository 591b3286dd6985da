package org.fieldmark.adapter.local.archfixture;

import org.fieldmark.configuration.archfixture.ConfigurationThing;

/** Bad: an adapter reads configuration, which only the bootstraps bind. */
public class LocalUsingConfiguration {
    public Object value() {
        return new ConfigurationThing().value();
    }
}
