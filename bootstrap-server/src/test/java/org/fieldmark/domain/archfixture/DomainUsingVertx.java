package org.fieldmark.domain.archfixture;

import io.vertx.core.json.JsonObject;

/** Deliberately bad: domain code that imports Vert.x. */
public class DomainUsingVertx {
    public JsonObject toJson() {
        return new JsonObject().put("species", "Northern Cardinal");
    }
}
