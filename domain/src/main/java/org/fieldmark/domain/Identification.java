package org.fieldmark.domain;

import java.util.List;
import java.util.Objects;

/**
 * What the model made of one image: the top-K classes, highest first, whether the top one is
 * confident, and the message for people. A value usable by every adapter.
 *
 * @param key         the image's key (e.g. {@code birds/card.jpg})
 * @param catalog     name of the species catalog the classes come from
 * @param predictions the top-K classes, highest probability first (ties: lower class index first)
 * @param confident   top probability strictly above the threshold
 * @param message     the text to notify
 */
public record Identification(String key, String catalog, List<RankedPrediction> predictions, boolean confident,
                             String message) {

    public Identification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(message, "message");
        predictions = List.copyOf(predictions);
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("an identification needs at least one prediction");
        }
    }

    /** The most probable class. */
    public RankedPrediction top() {
        return predictions.get(0);
    }

    /** {@code false} when the most probable class is "not a bird" (e.g. {@code background}). */
    public boolean birdRecognised() {
        return top().bird();
    }
}
