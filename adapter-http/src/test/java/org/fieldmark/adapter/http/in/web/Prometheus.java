package org.fieldmark.adapter.http.in.web;

import io.vertx.core.MultiMap;

/** Reads Prometheus text exposition into "name{labels}" -> value. */
final class Prometheus {

    private Prometheus() {
    }

    static MultiMap samples(String text) {
        MultiMap samples = MultiMap.caseInsensitiveMultiMap();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.add(line.substring(0, space), line.substring(space + 1));
        }
        return samples;
    }
}
