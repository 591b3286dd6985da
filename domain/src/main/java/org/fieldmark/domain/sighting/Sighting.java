package org.fieldmark.domain.sighting;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.fieldmark.domain.region.Region;

/**
 * One recorded bird: which photo, when, what the model said, whether people were told and why
 * (or why not), and a person's correction if there is one. Species are keyed by SCIENTIFIC name
 * everywhere (display names vary between catalogs); comparisons ignore case.
 *
 * @param id             unique, stable id
 * @param time           when the photo was identified
 * @param sourceKey      the photo's key (e.g. {@code birds/card.jpg})
 * @param source         the camera or source name (e.g. {@code feeder}); never blank
 * @param scientificName the model's top species, scientific name
 * @param displayName    the model's top species as shown to people (common name)
 * @param probability    the top probability, 0..1
 * @param confident      top probability strictly above the identification threshold
 * @param notified       whether a notification was sent for it
 * @param reason         the notification policy's reason (e.g.
 *                       {@code suppressed: cooldown 12 min left for Passer domesticus})
 * @param review         a person's correction, {@code null} when not reviewed
 * @param region         where in the photo the identified bird is, {@code null} when not known
 *                       (sightings recorded before birds were located)
 */
public record Sighting(String id, Instant time, String sourceKey, String source, String scientificName,
                       String displayName, double probability, boolean confident, boolean notified, String reason,
                       Review review, Region region) {

    public Sighting {
        requireText(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(sourceKey, "sourceKey");
        requireText(source, "source");
        requireText(scientificName, "scientificName");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(reason, "reason");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be within 0..1, was " + probability);
        }
    }

    /** A sighting without a known region. */
    public Sighting(String id, Instant time, String sourceKey, String source, String scientificName,
                    String displayName, double probability, boolean confident, boolean notified, String reason,
                    Review review) {
        this(id, time, sourceKey, source, scientificName, displayName, probability, confident, notified, reason,
                review, null);
    }

    /** The species this sighting counts as: the reviewed one when corrected, else the model's. */
    public String effectiveScientificName() {
        return review == null || review.notABird() ? scientificName : review.scientificName();
    }

    /** {@code false} when a person said the photo showed no bird: it then counts nowhere. */
    public boolean countsAsBird() {
        return review == null || !review.notABird();
    }

    /** Case-insensitive key of the effective species, for maps and comparisons. */
    public String speciesKey() {
        return key(effectiveScientificName());
    }

    /** Whether this sighting counts as {@code scientificName} (ignoring case). */
    public boolean isSpecies(String scientificName) {
        return countsAsBird() && speciesKey().equals(key(scientificName));
    }

    /** This sighting with a person's correction. */
    public Sighting withReview(Review correction) {
        return new Sighting(id, time, sourceKey, source, this.scientificName, displayName, probability, confident,
                notified, reason, Objects.requireNonNull(correction, "correction"), region);
    }

    /** This sighting with another notification outcome (e.g. a notification that failed). */
    public Sighting withNotification(boolean wasNotified, String why) {
        return new Sighting(id, time, sourceKey, source, scientificName, displayName, probability, confident,
                wasNotified, why, review, region);
    }

    /** The case-insensitive key of a scientific name. */
    public static String key(String scientificName) {
        return scientificName.strip().toLowerCase(Locale.ROOT);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
