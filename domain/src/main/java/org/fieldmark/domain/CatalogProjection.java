package org.fieldmark.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a model's probability vector over its own catalog becomes one over the catalog a caller
 * serves. The same catalog passes through unchanged. Another catalog takes each of its species'
 * probability from the model's class of the same species, found by name (the scientific name
 * when both catalogs have one, else the display name, ignoring case), and renormalises the
 * picked values to sum to 1: the answer is the model's belief <em>given</em> that the photo
 * shows one of the served species. When the model gives none of them any probability at all,
 * each gets an equal share. A served species the model does not know is refused when the
 * projection is made, never on a photo.
 */
public final class CatalogProjection {

    private final SpeciesCatalog model;
    private final SpeciesCatalog served;
    /** For each served class, the model's class; {@code null} when the catalogs are the same. */
    private final int[] picks;

    private CatalogProjection(SpeciesCatalog model, SpeciesCatalog served, int[] picks) {
        this.model = model;
        this.served = served;
        this.picks = picks;
    }

    /**
     * The projection from the catalog a model answers in to the one served.
     *
     * @throws IllegalArgumentException naming every served species the model's catalog lacks
     */
    public static CatalogProjection between(SpeciesCatalog model, SpeciesCatalog served) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(served, "served");
        if (model == served || sameClasses(model, served)) {
            return new CatalogProjection(model, served, null);
        }
        Map<String, Integer> byName = new HashMap<>();
        for (Species species : model.species()) {
            byName.putIfAbsent(normal(species.name()), species.index());
            species.scientific().ifPresent(name -> byName.putIfAbsent(normal(name), species.index()));
        }
        int[] picks = new int[served.size()];
        List<String> missing = new ArrayList<>();
        for (Species species : served.species()) {
            Integer index = species.scientific().map(name -> byName.get(normal(name))).orElse(null);
            if (index == null) {
                index = byName.get(normal(species.name()));
            }
            if (index == null) {
                missing.add(species.name());
            } else {
                picks[species.index()] = index;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("catalog '" + served.name() + "' cannot be served from the model's "
                    + "catalog '" + model.name() + "': it has no class named " + String.join(", ", missing));
        }
        return new CatalogProjection(model, served, picks);
    }

    /** The catalog the model answers in. */
    public SpeciesCatalog model() {
        return model;
    }

    /** The catalog the projected vectors are in. */
    public SpeciesCatalog served() {
        return served;
    }

    /** {@code true} when vectors pass through unchanged. */
    public boolean identity() {
        return picks == null;
    }

    /**
     * The served catalog's probabilities.
     *
     * @throws ModelOutputException when the vector does not fit the model's catalog or holds
     *                              values that are not probabilities
     */
    public double[] apply(double[] probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        if (probabilities.length != model.size()) {
            throw new ModelOutputException("the model answered " + probabilities.length + " probabilities, but its "
                    + "catalog '" + model.name() + "' has " + model.size() + " classes");
        }
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0.0 && p <= 1.0 + IdentificationRules.ABOVE_ONE_SLACK)) {
                throw new ModelOutputException("the model answered " + p + " for class " + i + " ('"
                        + model.species(i).name() + "'), which is not a probability");
            }
        }
        if (picks == null) {
            return probabilities.clone();
        }
        double[] projected = new double[picks.length];
        double sum = 0.0;
        for (int i = 0; i < picks.length; i++) {
            projected[i] = probabilities[picks[i]];
            sum += projected[i];
        }
        for (int i = 0; i < projected.length; i++) {
            projected[i] = sum > 0.0 ? projected[i] / sum : 1.0 / projected.length;
        }
        return projected;
    }

    private static boolean sameClasses(SpeciesCatalog a, SpeciesCatalog b) {
        return a.size() == b.size() && a.species().equals(b.species());
    }

    private static String normal(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "CatalogProjection[" + model.name() + " -> " + served.name() + (identity() ? ", identity]" : "]");
    }
}
