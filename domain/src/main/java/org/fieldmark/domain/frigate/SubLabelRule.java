package org.fieldmark.domain.frigate;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How an identified species is written back as a Frigate sub label, and when it is not: the name
 * in the configured form, at most {@value #MAX_LENGTH} characters (Frigate's limit); an existing
 * sub label with a higher score is never overwritten, nor a name without a score (Frigate 0.13, or
 * a person's label) that Fieldmark did not write itself.
 *
 * @param form which name is written
 */
public record SubLabelRule(NameForm form) {

    /** Frigate refuses longer sub labels. */
    public static final int MAX_LENGTH = 100;

    /** Which name of a species goes into the sub label. */
    public enum NameForm {
        COMMON, SCIENTIFIC, BOTH;

        /** The form named {@code text}: common, scientific or both. */
        public static NameForm of(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    public SubLabelRule {
        Objects.requireNonNull(form, "form");
    }

    /** The sub label for a species: its common name, scientific name or {@code Common (Scientific)}, shortened to fit. */
    public String name(String commonName, String scientificName) {
        String common = commonName == null || commonName.isBlank() ? scientificName : commonName.strip();
        String scientific = scientificName == null || scientificName.isBlank() ? common : scientificName.strip();
        String name = switch (form) {
            case COMMON -> common;
            case SCIENTIFIC -> scientific;
            case BOTH -> common.equalsIgnoreCase(scientific) ? common : common + " (" + scientific + ")";
        };
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH));
    }

    /**
     * Why {@code name} with {@code score} is not written over {@code existing}, or empty when it is.
     *
     * @param existing    the sub label Frigate holds, {@code null} for none
     * @param writtenByUs the sub label Fieldmark wrote for this event earlier, {@code null} for none
     */
    public Optional<String> keep(FrigateEvent.SubLabel existing, String writtenByUs, String name, double score) {
        if (existing == null) {
            return Optional.empty();
        }
        boolean ours = existing.name().equalsIgnoreCase(writtenByUs == null ? "" : writtenByUs);
        if (existing.score() == null) {
            if (existing.name().equalsIgnoreCase(name)) {
                return Optional.of("Frigate already holds '" + name + "'");
            }
            return ours ? Optional.empty() : Optional.of("the sub label '" + existing.name()
                    + "' has no score and was not written by Fieldmark");
        }
        if (existing.score() > score || existing.score() == score && existing.name().equalsIgnoreCase(name)) {
            return Optional.of("the sub label '" + existing.name() + "' scores " + existing.score()
                    + ", not below " + score);
        }
        return Optional.empty();
    }
}
