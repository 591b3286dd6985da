package org.fieldmark.adapter.local.archfixture;

import org.fieldmark.configuration.Options;

/** Bad: an adapter reads the option declarations, which only the bootstraps bind. */
public class LocalUsingConfiguration {
    public int options() {
        return Options.ALL.size();
    }
}
