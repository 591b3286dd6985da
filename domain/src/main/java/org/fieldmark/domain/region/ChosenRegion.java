package org.fieldmark.domain.region;

/**
 * The region an identification is about, and why.
 *
 * @param index     the chosen candidate's position in the list given to {@link RegionChoice#choose}
 * @param region    its box
 * @param birdFound {@code false} when no candidate's top class is a bird: the photo has no bird the
 *                  model can see, and the largest candidate (the whole frame) speaks for it
 * @param species   the class index the candidates agreed on, or -1 when no bird was found
 * @param reason    a short explanation for logs ({@code no-bird}, {@code only-candidate},
 *                  {@code strongest}, {@code larger-near-tie})
 */
public record ChosenRegion(int index, Region region, boolean birdFound, int species, String reason) {
}
