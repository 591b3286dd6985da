package org.fieldmark.domain.frigate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One message of Frigate's {@code <prefix>/events} topic, reduced to the state after the change
 * (its {@code after} object) and the fields Fieldmark uses.
 *
 * @param type          {@code new}, {@code update} or {@code end}
 * @param id            Frigate's event id, e.g. {@code 1607123955.475377-mxklsc}; never blank
 * @param camera        the camera's name; never blank
 * @param label         the detector's label, e.g. {@code bird}
 * @param subLabel      the sub label Frigate holds now, {@code null} when none
 * @param topScore      the detector's best score for the object so far, 0..1
 * @param falsePositive whether Frigate still considers the object a false positive
 * @param hasSnapshot   whether Frigate keeps a snapshot of it (the crop can be fetched)
 * @param zones         the zones the object is in or entered, without repeats
 * @param startTime     seconds since the epoch when tracking started
 * @param endTime       seconds since the epoch when tracking ended, {@code null} while under way
 */
public record FrigateEvent(Type type, String id, String camera, String label, SubLabel subLabel, double topScore,
                           boolean falsePositive, boolean hasSnapshot, List<String> zones, double startTime,
                           Double endTime) {

    /** The kind of message: the first of an event, a change of it, its last. */
    public enum Type {
        NEW, UPDATE, END;

        /** The type named {@code text} as Frigate writes it ({@code new}, {@code update}, {@code end}). */
        public static Type of(String text) {
            return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
                case "new" -> NEW;
                case "update" -> UPDATE;
                case "end" -> END;
                default -> throw new IllegalArgumentException("type must be new, update or end, was '" + text + "'");
            };
        }

        /** As Frigate writes it. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A sub label: Frigate 0.13 holds a name, 0.14 and later a name with a score.
     *
     * @param name  the label, never blank
     * @param score its score 0..1, {@code null} when Frigate keeps none (0.13)
     */
    public record SubLabel(String name, Double score) {

        public SubLabel {
            requireText(name, "sub label");
            if (score != null && !(score >= 0.0 && score <= 1.0)) {
                throw new IllegalArgumentException("sub label score must be within 0..1, was " + score);
            }
        }
    }

    public FrigateEvent {
        Objects.requireNonNull(type, "type");
        requireText(id, "id");
        requireText(camera, "camera");
        requireText(label, "label");
        if (!(topScore >= 0.0 && topScore <= 1.0)) {
            throw new IllegalArgumentException("top_score must be within 0..1, was " + topScore);
        }
        zones = List.copyOf(zones.stream().distinct().toList());
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
