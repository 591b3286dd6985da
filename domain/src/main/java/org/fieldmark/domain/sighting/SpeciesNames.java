package org.fieldmark.domain.sighting;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fieldmark.domain.Species;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * Common names for scientific names and back, from a catalog. A sighting corrected to another
 * species carries no display name for it, so statistics and exports ask here; species the
 * catalog does not know are shown by their scientific name.
 */
public final class SpeciesNames {

    /** Knows no names: every species is shown by its scientific name. */
    public static final SpeciesNames NONE = new SpeciesNames(Map.of(), Map.of());

    /** Genus and species (and an optional subspecies), e.g. {@code Passer domesticus}. */
    private static final Pattern SCIENTIFIC = Pattern.compile("[A-Z][a-z]+(?:-[a-z]+)?(?: [a-z]+(?:-[a-z]+)?){1,2}");

    private final Map<String, String> commonByScientific;
    private final Map<String, String> scientificByCommon;

    private SpeciesNames(Map<String, String> commonByScientific, Map<String, String> scientificByCommon) {
        this.commonByScientific = commonByScientific;
        this.scientificByCommon = scientificByCommon;
    }

    /**
     * The bird classes of {@code catalog}. A class without a scientific name (the workshop's
     * catalog) is keyed by its display name, as its sightings are.
     */
    public static SpeciesNames of(SpeciesCatalog catalog) {
        Map<String, String> common = new HashMap<>();
        Map<String, String> scientific = new HashMap<>();
        for (Species species : catalog.species()) {
            if (species.bird()) {
                common.putIfAbsent(Sighting.key(species.key()), species.name());
                scientific.putIfAbsent(Sighting.key(species.name()), species.key());
            }
        }
        return new SpeciesNames(Map.copyOf(common), Map.copyOf(scientific));
    }

    /** The catalog's common name of a scientific name (ignoring case). */
    public Optional<String> commonName(String scientificName) {
        return Optional.ofNullable(commonByScientific.get(Sighting.key(scientificName)));
    }

    /** The scientific name of a common name of the catalog (ignoring case). */
    public Optional<String> scientificName(String commonName) {
        return Optional.ofNullable(scientificByCommon.get(Sighting.key(commonName)));
    }

    /**
     * The name people read for a sighting's effective species: the model's display name when
     * nobody changed the species, else the catalog's common name, else the scientific name.
     */
    public String displayName(Sighting sighting) {
        if (sighting.review() == null || sighting.review().notABird()
                || Sighting.key(sighting.scientificName()).equals(sighting.speciesKey())) {
            return sighting.displayName().isBlank() ? sighting.scientificName() : sighting.displayName();
        }
        return commonName(sighting.effectiveScientificName()).orElse(sighting.effectiveScientificName());
    }

    /**
     * Whether {@code name} is written like a scientific name: a capitalised genus and a lower-case
     * species epithet, optionally a subspecies ({@code Passer domesticus}, {@code Junco hyemalis oreganus}).
     */
    public static boolean looksScientific(String name) {
        return name != null && SCIENTIFIC.matcher(name).matches();
    }

    /**
     * {@code name} with white space collapsed and the genus capitalised ({@code passer domesticus}
     * becomes {@code Passer domesticus}). The epithets keep their case, so a common name such as
     * {@code Big Bird} still does not {@link #looksScientific look scientific}.
     */
    public static String normalizedScientific(String name) {
        String collapsed = name.strip().replaceAll("\\s+", " ");
        int space = collapsed.indexOf(' ');
        String genus = space < 0 ? collapsed : collapsed.substring(0, space);
        String rest = space < 0 ? "" : collapsed.substring(space);
        if (genus.isEmpty()) {
            return collapsed;
        }
        return genus.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                + genus.substring(1).toLowerCase(java.util.Locale.ROOT) + rest;
    }
}
