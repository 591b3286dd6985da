package org.fieldmark.application.archfixture;

import org.fieldmark.adapter.local.archfixture.LocalThing;

/** Deliberately bad: application code that imports an adapter. */
public class ApplicationUsingAdapter {
    public String use() {
        return new LocalThing().name();
    }
}
