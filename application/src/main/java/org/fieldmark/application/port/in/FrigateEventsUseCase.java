package org.fieldmark.application.port.in;

import org.fieldmark.domain.frigate.FrigateEvent;

/**
 * Names the birds Frigate tracks: each message of an event Fieldmark looks at (label, camera,
 * zone, not a false positive) may identify the event's snapshot (the first, a better one, the
 * last), records one sighting per event (a later, better guess replaces the earlier one), tells
 * the channels once per event through the outbox, and writes a confident species back as the
 * event's sub label. Delivering the same message again changes nothing. Calls block; messages of
 * one event are handled in order by one caller.
 */
public interface FrigateEventsUseCase {

    /** Handles one message; never throws for a failure of the event (the outcome says it). */
    FrigateOutcome handle(FrigateEvent event);
}
