package org.fieldmark.adapter.local.archfixture;

/** Deliberately bad: an adapter that reads the environment and system properties itself. */
public class LocalReadingEnvironment {
    public String folder() {
        String fromEnv = System.getenv("FIELDMARK_FOLDER");
        return fromEnv != null ? fromEnv : System.getProperty("fieldmark.folder", "./birds");
    }
}
