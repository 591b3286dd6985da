package org.fieldmark.adapter.local.archfixture;

/** Good: a plain adapter class. */
public class LocalThing {
    public String name() {
        return "local";
    }
}
