package org.fieldmark.domain.archfixture;

import java.util.List;

/** Good: domain code that uses only the JDK. */
public class PureDomainThing {
    public List<String> names() {
        return List.of("Purple Martin");
    }
}
