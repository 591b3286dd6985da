package org.fieldmark.domain.region;

import java.util.List;
import java.util.Objects;
import org.fieldmark.domain.ModelOutputException;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * Chooses, among classified candidate regions of one photo, the region the identification is
 * about. Four steps, each for a reason:
 * <ol>
 * <li><b>Sightings.</b> A candidate is a sighting when its top class is a bird (ties to the lower
 *     class index, as in ranking). A window that the model thinks is mostly background neither
 *     votes nor wins, however high its strongest bird class. No sighting at all: the photo has no
 *     bird the model can see, and the largest candidate (the whole frame) is chosen, so its
 *     answer and message are what they were before birds were located.</li>
 * <li><b>Agreement picks the species.</b> Each bird species collects the sum of its probabilities
 *     over all sightings; the largest sum wins (ties to the lower class index). Overlapping windows
 *     at several scales that see the same bird agree, while a tight crop of a part of a bird (a head,
 *     a wing) that looks like another species is one voice, even when it is the single most confident
 *     window: that is what costs the naive "best window wins" rule on portraits.</li>
 * <li><b>The strongest region of that species</b> is the sighting with the agreed species as its
 *     top class and the highest probability for it.</li>
 * <li><b>Near-ties go to the larger region.</b> A larger sighting with the same top species whose
 *     probability is within {@link #nearTie()} of the strongest is chosen instead (the largest such;
 *     equal areas: the earlier candidate): more context is a safer answer, and when the whole frame is
 *     within the margin, the photo keeps its whole-frame answer and message.</li>
 * </ol>
 * Should no sighting have the agreed species as its top class (votes split so that a runner-up in
 * every window adds up to most), the strongest sighting is chosen by its own top class.
 *
 * @param nearTie how much weaker (absolute probability, 0..1) a larger region may be and still win
 */
public record RegionChoice(double nearTie) {

    /** A larger region within 0.10 of the strongest wins: probabilities closer than that are noise between crops. */
    public static final RegionChoice DEFAULT = new RegionChoice(0.10);

    public RegionChoice {
        if (!(nearTie >= 0.0 && nearTie <= 1.0)) {
            throw new IllegalArgumentException("the near-tie margin is a probability between 0 and 1, got " + nearTie);
        }
    }

    /**
     * Chooses the region an identification is about.
     *
     * @param candidates at least one classified region, in the locator's order
     * @throws IllegalArgumentException when there is no candidate
     * @throws ModelOutputException     when a vector does not fit the catalog or is not probabilities
     */
    public ChosenRegion choose(List<RegionScores> candidates, SpeciesCatalog catalog) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(catalog, "catalog");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("there is no region to choose from");
        }
        int n = candidates.size();
        int[] top = new int[n];
        double[] votes = new double[catalog.size()];
        boolean anySighting = false;
        for (int c = 0; c < n; c++) {
            double[] p = checked(candidates.get(c).probabilities(), catalog);
            top[c] = topClass(p);
            if (catalog.species(top[c]).bird()) {
                anySighting = true;
                for (int s = 0; s < p.length; s++) {
                    votes[s] += p[s];
                }
            }
        }
        if (!anySighting) {
            int largest = largest(candidates);
            return new ChosenRegion(largest, candidates.get(largest).region(), false, -1,
                    n == 1 ? "only-candidate" : "no-bird");
        }
        int species = -1;
        for (int s = 0; s < votes.length; s++) {
            if (catalog.species(s).bird() && (species < 0 || votes[s] > votes[species])) {
                species = s;
            }
        }
        int strongest = strongestWithTop(candidates, top, species);
        if (strongest < 0) {
            // Votes split: no sighting names the agreed species first; the strongest sighting speaks.
            strongest = strongestSighting(candidates, top, catalog);
            species = top[strongest];
        }
        double bar = candidates.get(strongest).probabilities()[species] - nearTie;
        int chosen = strongest;
        for (int c = 0; c < n; c++) {
            if (top[c] == species && candidates.get(c).probabilities()[species] >= bar
                    && area(candidates.get(c)) > area(candidates.get(chosen))) {
                chosen = c;
            }
        }
        String reason = n == 1 ? "only-candidate" : chosen == strongest ? "strongest" : "larger-near-tie";
        return new ChosenRegion(chosen, candidates.get(chosen).region(), true, species, reason);
    }

    private static int strongestWithTop(List<RegionScores> candidates, int[] top, int species) {
        int best = -1;
        for (int c = 0; c < candidates.size(); c++) {
            if (top[c] == species && (best < 0 || better(candidates, c, best, species))) {
                best = c;
            }
        }
        return best;
    }

    private static int strongestSighting(List<RegionScores> candidates, int[] top, SpeciesCatalog catalog) {
        int best = -1;
        for (int c = 0; c < candidates.size(); c++) {
            if (catalog.species(top[c]).bird() && (best < 0
                    || candidates.get(c).probabilities()[top[c]] > candidates.get(best).probabilities()[top[best]])) {
                best = c;
            }
        }
        return best;
    }

    /** Higher probability for the species; equal: larger area; equal too: the earlier (already {@code best}). */
    private static boolean better(List<RegionScores> candidates, int c, int best, int species) {
        double pc = candidates.get(c).probabilities()[species];
        double pb = candidates.get(best).probabilities()[species];
        return pc > pb || (pc == pb && area(candidates.get(c)) > area(candidates.get(best)));
    }

    private static int largest(List<RegionScores> candidates) {
        int largest = 0;
        for (int c = 1; c < candidates.size(); c++) {
            if (area(candidates.get(c)) > area(candidates.get(largest))) {
                largest = c;
            }
        }
        return largest;
    }

    private static long area(RegionScores candidate) {
        return (long) candidate.region().width() * candidate.region().height();
    }

    private static int topClass(double[] p) {
        int top = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[top]) {
                top = i;
            }
        }
        return top;
    }

    private static double[] checked(double[] p, SpeciesCatalog catalog) {
        if (p.length != catalog.size()) {
            throw new ModelOutputException("model returned " + p.length + " probabilities for a region but catalog '"
                    + catalog.name() + "' has " + catalog.size() + " classes; check that the labels match the model");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0.0 && p[i] <= 1.0 + 1e-6)) {
                throw new ModelOutputException("model returned " + p[i] + " for class " + i
                        + " of a region; probabilities are between 0 and 1");
            }
        }
        return p;
    }
}
