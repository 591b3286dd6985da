package org.fieldmark.configuration;

import java.util.ArrayList;
import java.util.List;
import org.fieldmark.application.error.ConfigurationInvalidException;

/** Every problem found while reading a configuration, in the order found, reported at once. */
public final class Problems {

    private final List<String> found = new ArrayList<>();

    /** Notes one problem, a sentence saying what to set. */
    public void add(String problem) {
        found.add(problem);
    }

    public int count() {
        return found.size();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** @throws ConfigurationInvalidException listing every problem, when there is any */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigurationInvalidException(found);
        }
    }
}
