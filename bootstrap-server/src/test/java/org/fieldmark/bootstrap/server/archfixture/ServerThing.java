package org.fieldmark.bootstrap.server.archfixture;

/** Good: a bootstrap may read the environment. */
public class ServerThing {
    public String port() {
        String port = System.getenv("FIELDMARK_PORT");
        return port != null ? port : System.getProperty("fieldmark.port", "8080");
    }
}
