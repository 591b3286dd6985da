package org.fieldmark.application.port.out;

/**
 * Where an identified species is written back: Frigate's sub label of the event. Failures are
 * {@link org.fieldmark.application.error.FieldmarkException}s, retryable when Frigate was down or
 * overloaded, final when it refused the credentials or does not know the event.
 */
public interface SubLabelPort {

    /**
     * Sets the sub label of Frigate event {@code eventId} on {@code camera} to {@code name} with {@code score}.
     *
     * @throws org.fieldmark.application.error.FieldmarkException as described on the interface
     */
    void writeSubLabel(String eventId, String camera, String name, double score);
}
