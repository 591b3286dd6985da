package org.fieldmark.application.archfixture.cycle.b;

import org.fieldmark.application.archfixture.cycle.a.CycleA;

/** Deliberately bad: the other half of a package cycle. */
public class CycleB {
    public CycleA other() {
        return new CycleA();
    }
}
