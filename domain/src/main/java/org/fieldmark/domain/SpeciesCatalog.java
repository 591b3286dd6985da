package org.fieldmark.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The classes a model can answer with, by class index. Built in ({@link #WORKSHOP_4}) or read
 * from a labels file with one label per line, where the line number (from 0) is the class index.
 * A line {@code Scientific name (Common Name)} displays the common name and keeps the scientific
 * one; labels listed as "not a bird" (by default {@code background}) mark classes that are not
 * birds, by label and never by position.
 */
public final class SpeciesCatalog {

    /** Name of the built-in catalog of the original workshop model. */
    public static final String WORKSHOP_4_NAME = "workshop-4";

    /** Labels that mark a class as "not a bird" unless a caller says otherwise. */
    public static final Set<String> DEFAULT_NOT_A_BIRD_LABELS = Set.of("background");

    /** The four species of the original workshop model, in its index order. */
    public static final SpeciesCatalog WORKSHOP_4 = fromLines(WORKSHOP_4_NAME,
            List.of("Purple Martin", "Northern Cardinal", "American Goldfinch", "Eastern Bluebird"));

    private final String name;
    private final List<Species> species;

    private SpeciesCatalog(String name, List<Species> species) {
        this.name = name;
        this.species = List.copyOf(species);
    }

    /**
     * The built-in catalog with this name, if there is one.
     *
     * @param name a catalog name such as {@code workshop-4}
     */
    public static Optional<SpeciesCatalog> builtIn(String name) {
        return WORKSHOP_4_NAME.equals(name) ? Optional.of(WORKSHOP_4) : Optional.empty();
    }

    /** Parses labels with the default "not a bird" labels. */
    public static SpeciesCatalog fromLines(String name, List<String> lines) {
        return fromLines(name, lines, DEFAULT_NOT_A_BIRD_LABELS);
    }

    /**
     * Parses labels, one per class. A trailing empty line (a final newline) is ignored; any other
     * blank line is an error, because it would silently shift every later class index.
     *
     * @param name            the catalog's name, used in error messages
     * @param lines           one label per class, in class-index order
     * @param notABirdLabels  labels (compared ignoring case, whole line or scientific/common part)
     *                        that mark a class as not a bird
     * @throws IllegalArgumentException naming every bad line
     */
    public static SpeciesCatalog fromLines(String name, List<String> lines, Set<String> notABirdLabels) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(notABirdLabels, "notABirdLabels");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("catalog name must not be blank");
        }
        Set<String> notBirds = notABirdLabels.stream()
                .map(label -> label.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        int count = lines.size();
        while (count > 0 && lines.get(count - 1).strip().isEmpty()) {
            count--;
        }
        if (count == 0) {
            throw new IllegalArgumentException("catalog '" + name + "' has no labels");
        }
        List<String> problems = new ArrayList<>();
        List<Species> species = new ArrayList<>(count);
        Map<String, Integer> firstLineOfLabel = new HashMap<>();
        for (int index = 0; index < count; index++) {
            String line = lines.get(index);
            if (index == 0 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            line = line.strip();
            if (line.isEmpty()) {
                problems.add("line " + (index + 1) + " is blank (class " + index + ")");
                continue;
            }
            Integer earlier = firstLineOfLabel.putIfAbsent(line.toLowerCase(Locale.ROOT), index);
            if (earlier != null) {
                problems.add("line " + (index + 1) + " repeats line " + (earlier + 1) + " '" + line + "'");
                continue;
            }
            species.add(parseLabel(index, line, notBirds));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("catalog '" + name + "' is invalid: " + String.join("; ", problems));
        }
        return new SpeciesCatalog(name, species);
    }

    private static Species parseLabel(int index, String line, Set<String> notBirds) {
        String display = line;
        String scientific = null;
        int open = line.indexOf('(');
        if (open > 0 && line.endsWith(")")) {
            String before = line.substring(0, open).strip();
            String inside = line.substring(open + 1, line.length() - 1).strip();
            if (!before.isEmpty() && !inside.isEmpty()) {
                scientific = before;
                display = inside;
            }
        }
        boolean bird = !(notBirds.contains(line.toLowerCase(Locale.ROOT))
                || notBirds.contains(display.toLowerCase(Locale.ROOT))
                || (scientific != null && notBirds.contains(scientific.toLowerCase(Locale.ROOT))));
        return new Species(index, display, scientific, bird);
    }

    public String name() {
        return name;
    }

    /** Number of classes; a model's output must have exactly this many probabilities. */
    public int size() {
        return species.size();
    }

    /** The species at a class index. */
    public Species species(int index) {
        if (index < 0 || index >= species.size()) {
            throw new IndexOutOfBoundsException(
                    "class " + index + " is outside catalog '" + name + "' (0.." + (species.size() - 1) + ")");
        }
        return species.get(index);
    }

    /** All classes in index order. */
    public List<Species> species() {
        return species;
    }

    @Override
    public String toString() {
        return "SpeciesCatalog[" + name + ", " + species.size() + " classes]";
    }
}
