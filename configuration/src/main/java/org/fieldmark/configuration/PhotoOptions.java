package org.fieldmark.configuration;

import static org.fieldmark.configuration.Setting.server;

import java.util.List;

/** The options of the server's photo store: where uploads and URL photos are kept, and how many. */
public final class PhotoOptions {

    public static final Setting PHOTOS_DIR = server("photos.dir", "folder that keeps uploaded and URL photos so "
            + "the page and the API can show them (default: photos/ beside sightings.path; with sightings.store=memory "
            + "a temporary folder removed at exit)");
    public static final Setting PHOTOS_MAX_COUNT = server("photos.max-count",
            "most photos kept there; the oldest are evicted first").whole(1, 10_000_000).byDefault("1000");
    public static final Setting PHOTOS_MAX_BYTES = server("photos.max-bytes",
            "most bytes of photos kept there; the oldest are evicted first").whole(1, Long.MAX_VALUE)
            .byDefault("1073741824").hint("a size in bytes of at least 1, e.g. 1073741824 (1 GiB)");

    /** In the order of {@code --help} and the README's tables. */
    static final List<Setting> ALL = List.of(PHOTOS_DIR, PHOTOS_MAX_COUNT, PHOTOS_MAX_BYTES);

    private PhotoOptions() {
    }
}
