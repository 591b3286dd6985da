package org.fieldmark.adapter.http.json;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.domain.sighting.DailyDigest;

/** The webhook's shape of a daily digest. Keys keep the order written here. */
public final class DigestJson {

    private DigestJson() {
    }

    /**
     * {@code type: digest}, {@code date}, {@code timeZone}, {@code message}, {@code sightings},
     * {@code species} (each {@link #species}), most sightings first.
     */
    public static Map<String, Object> of(DailyDigest digest) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "digest");
        map.put("date", digest.date().toString());
        map.put("timeZone", digest.zone().getId());
        map.put("message", digest.message());
        map.put("sightings", digest.sightings());
        map.put("species", digest.species().stream().map(DigestJson::species).toList());
        return map;
    }

    /** {@code scientificName}, {@code name}, {@code count}. */
    public static Map<String, Object> species(DailyDigest.SpeciesCount species) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("scientificName", species.scientificName());
        map.put("name", species.name());
        map.put("count", species.count());
        return map;
    }
}
