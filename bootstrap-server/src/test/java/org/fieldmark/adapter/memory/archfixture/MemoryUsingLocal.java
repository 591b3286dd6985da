package org.fieldmark.adapter.memory.archfixture;

import org.fieldmark.adapter.local.archfixture.LocalThing;

/** Deliberately bad: the in-memory adapter importing the local adapter. */
public class MemoryUsingLocal {
    public Object use() {
        return new LocalThing();
    }
}
