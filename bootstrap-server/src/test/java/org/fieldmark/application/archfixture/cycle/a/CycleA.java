package org.fieldmark.application.archfixture.cycle.a;

import org.fieldmark.application.archfixture.cycle.b.CycleB;

/** Deliberately bad: half of a package cycle. */
public class CycleA {
    public CycleB other() {
        return new CycleB();
    }
}
