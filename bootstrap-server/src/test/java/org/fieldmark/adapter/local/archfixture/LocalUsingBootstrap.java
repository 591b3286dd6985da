package org.fieldmark.adapter.local.archfixture;

import org.fieldmark.bootstrap.server.archfixture.ServerThing;

/** Deliberately bad: an adapter that imports a bootstrap. */
public class LocalUsingBootstrap {
    public String use() {
        return new ServerThing().port();
    }
}
