package org.fieldmark.application.port.in;

/**
 * Identify the photo of a new-object event and notify at most once per upload, however often
 * the event is delivered. Deliveries of one event are told apart by its
 * {@link NewObjectEvent#key() key}: the first one that claims it identifies and notifies; a
 * delivery after that finds it {@link EventOutcome.Status#ALREADY_DONE done}, one during it finds
 * it {@link EventOutcome.Status#IN_FLIGHT in flight}. A failed attempt gives its claim up, so a
 * retry can succeed. Failures come back as {@link EventOutcome.Status#FAILED} outcomes, never thrown.
 */
public interface IdentifyOnceUseCase {

    /** Claims, fetches, identifies, notifies and completes; or says why nothing was done. */
    default EventOutcome identifyOnce(NewObjectEvent event) {
        return identifyOnce(event, RuleOverrides.NONE);
    }

    /**
     * The same with a request's own threshold and K (the server's event endpoint takes them from
     * its query). They decide what the one notification says; a later delivery with other
     * overrides still finds the upload done.
     */
    EventOutcome identifyOnce(NewObjectEvent event, RuleOverrides overrides);
}
