package org.fieldmark.configuration.archfixture;

import org.fieldmark.adapter.local.archfixture.LocalThing;

/** Bad: the configuration module reaches into an adapter (the Lambda would pack it with its dependencies). */
public class ConfigurationUsingAdapter {
    public Object adapter() {
        return new LocalThing();
    }
}
