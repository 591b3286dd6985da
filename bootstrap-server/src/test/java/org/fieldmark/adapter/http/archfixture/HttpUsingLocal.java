package org.fieldmark.adapter.http.archfixture;

import org.fieldmark.adapter.local.archfixture.LocalThing;

/** Deliberately bad: one adapter importing another. */
public class HttpUsingLocal {
    public String use() {
        return new LocalThing().name();
    }
}
